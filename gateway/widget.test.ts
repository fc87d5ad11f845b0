import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/paths.js';
import { defaultPortalSettings, type PortalLanguage } from '../domain/tenants/portal-settings.js';
import { decideWidgetRequest, embeddingOriginOf, frameAncestorsPolicy } from './widget.js';
import { renderWidgetPage, renderWidgetRefusal, widgetPageNonce, widgetRefusalMessage } from './widget-page.js';

const settings = { widgetEnabled: true, widgetAllowedOrigins: ['https://www.bakker.nl', 'http://localhost:5173'] };
const framed = (headers: { origin?: string; referer?: string }) => ({
  fetchDest: 'iframe',
  origin: headers.origin ?? null,
  referer: headers.referer ?? null,
});

describe('embeddingOriginOf', () => {
  it('prefers Origin and falls back to the origin of Referer', () => {
    expect(embeddingOriginOf({ origin: 'https://www.bakker.nl', referer: 'https://evil.example/page' })).toBe(
      'https://www.bakker.nl',
    );
    expect(embeddingOriginOf({ origin: null, referer: 'https://WWW.Bakker.nl:443/winkel?x=1#top' })).toBe(
      'https://www.bakker.nl',
    );
  });

  it('is unknown for opaque, missing or garbled headers', () => {
    expect(embeddingOriginOf({ origin: 'null', referer: null })).toBeNull();
    expect(embeddingOriginOf({ origin: null, referer: null })).toBeNull();
    expect(embeddingOriginOf({ origin: 'not a url', referer: 'also not' })).toBeNull();
    expect(embeddingOriginOf({ origin: 'null', referer: 'https://www.bakker.nl/' })).toBe('https://www.bakker.nl');
    // A URL with an opaque origin (data:, file:) names no site either; the next header may.
    expect(embeddingOriginOf({ origin: 'data:text/html,<p>x</p>', referer: null })).toBeNull();
    expect(embeddingOriginOf({ origin: 'file:///tmp/page.html', referer: 'https://www.bakker.nl/' })).toBe(
      'https://www.bakker.nl',
    );
  });
});

describe('decideWidgetRequest', () => {
  it('refuses everyone while widget mode is off', () => {
    expect(decideWidgetRequest(framed({ referer: 'https://www.bakker.nl/' }), { ...settings, widgetEnabled: false })).toEqual({
      allow: false,
      reason: 'widget-disabled',
    });
    expect(
      decideWidgetRequest({ fetchDest: 'document', origin: null, referer: null }, { ...settings, widgetEnabled: false }),
    ).toMatchObject({
      allow: false,
    });
  });

  it('serves a listed embedder and names it as the parent to post to', () => {
    expect(decideWidgetRequest(framed({ referer: 'https://www.bakker.nl/contact' }), settings)).toEqual({
      allow: true,
      parentOrigin: 'https://www.bakker.nl',
    });
    expect(decideWidgetRequest(framed({ origin: 'http://localhost:5173' }), settings)).toEqual({
      allow: true,
      parentOrigin: 'http://localhost:5173',
    });
  });

  it('refuses a frame on an unlisted or unknown embedder', () => {
    const refused = { allow: false, reason: 'origin-not-allowed' };
    expect(decideWidgetRequest(framed({ referer: 'https://evil.example/' }), settings)).toEqual(refused);
    // Same host, other scheme or port: another origin.
    expect(decideWidgetRequest(framed({ referer: 'http://www.bakker.nl/' }), settings)).toEqual(refused);
    expect(decideWidgetRequest(framed({ referer: 'http://localhost:5174/' }), settings)).toEqual(refused);
    // A subdomain of a listed site is not the listed site.
    expect(decideWidgetRequest(framed({ referer: 'https://shop.www.bakker.nl/' }), settings)).toEqual(refused);
    // A frame whose embedder hides itself (Referrer-Policy: no-referrer) cannot be verified.
    expect(decideWidgetRequest(framed({}), settings)).toEqual(refused);
    expect(decideWidgetRequest({ fetchDest: 'IFRAME', origin: null, referer: 'https://evil.example/' }, settings)).toEqual(
      refused,
    );
  });

  it('treats every way of putting the page inside another one as a frame', () => {
    // <object>, <embed>, <frame> and fenced frames embed a page as surely as <iframe> does.
    for (const fetchDest of ['frame', 'embed', 'object', 'fencedframe', ' iframe ']) {
      expect(decideWidgetRequest({ fetchDest, origin: null, referer: 'https://evil.example/' }, settings), fetchDest).toEqual({
        allow: false,
        reason: 'origin-not-allowed',
      });
    }
    // Loaded as something else (an image, a script): not a frame.
    expect(decideWidgetRequest({ fetchDest: 'image', origin: null, referer: 'https://evil.example/' }, settings)).toEqual({
      allow: true,
      parentOrigin: null,
    });
  });

  it('serves a page opened directly, without a parent to post to', () => {
    expect(decideWidgetRequest({ fetchDest: 'document', origin: null, referer: 'https://evil.example/' }, settings)).toEqual({
      allow: true,
      parentOrigin: null,
    });
    // No Fetch Metadata (old browser): served, and frame-ancestors decides whether it may be framed.
    expect(decideWidgetRequest({ fetchDest: null, origin: null, referer: 'https://www.bakker.nl/' }, settings)).toEqual({
      allow: true,
      parentOrigin: 'https://www.bakker.nl',
    });
  });
});

describe('frameAncestorsPolicy', () => {
  it('lists exactly the allowed origins, or nobody', () => {
    expect(frameAncestorsPolicy(settings.widgetAllowedOrigins)).toBe(
      'frame-ancestors https://www.bakker.nl http://localhost:5173',
    );
    expect(frameAncestorsPolicy([])).toBe("frame-ancestors 'none'");
  });
});

describe('the widget page', () => {
  const portal = { ...defaultPortalSettings(), ...settings };

  it('marks itself as the widget and passes the verified parent to the resize script', () => {
    const html = renderWidgetPage({ tenantId: 'demo', parentOrigin: 'https://www.bakker.nl', nonce: 'abc123', settings: portal });
    expect(html).toMatch(/<html lang="nl" data-portal-widget>/);
    expect(html).toContain(
      '<script id="portal-widget-config" type="application/json">{"tenant":"demo","parentOrigin":"https://www.bakker.nl","embedded":true}</script>',
    );
    expect(html).toContain('<script nonce="abc123">');
    expect(html).toContain("postMessage({ type: 'portal:resize', height: height }, config.parentOrigin)");
    expect(html).not.toMatch(/postMessage\([^)]*['"]\*['"]/);
    expect(html).toContain(`script-src 'self' 'nonce-abc123'`);
    // The content policy comes before any script of the bundle.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });

  it('gets a fresh, unguessable script nonce on every response', () => {
    const nonces = [widgetPageNonce(), widgetPageNonce()];
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('holds the page to a content policy: own scripts and the nonce only, no foreign base or form target', () => {
    const html = renderWidgetPage({ tenantId: 'demo', parentOrigin: null, nonce: 'abc123', settings: portal });
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'nonce-abc123'; ` +
        `style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'">`,
    );
    // In <head>, in the tenant's language, once.
    expect(html).toMatch(/<head[^>]*>\s*<meta http-equiv="Content-Security-Policy"/);
    expect(html.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
    expect(
      renderWidgetPage({ tenantId: 'demo', parentOrigin: null, nonce: 'n', settings: { ...portal, language: 'en' } }),
    ).toMatch(/<html lang="en" data-portal-widget>/);
  });

  it('is the built web app when there is one', () => {
    const indexFile = path.join(projectRoot, 'web', 'dist', 'index.html');
    const html = renderWidgetPage({ tenantId: 'demo', parentOrigin: null, nonce: 'n', settings: portal });
    expect(html).toContain('<div id="app"></div>');
    // Without a build the page is a bare shell that still identifies itself; with one, it loads the app.
    const bundleScripts = existsSync(indexFile) ? (readFileSync(indexFile, 'utf8').match(/<script[^>]*src="[^"]+"/g) ?? []) : [];
    for (const script of bundleScripts) expect(html).toContain(script);
  });

  it('cannot be broken out of by a hostile value in the config', () => {
    const html = renderWidgetPage({
      tenantId: '</script><script>alert(1)</script>',
      parentOrigin: null,
      nonce: 'n',
      settings: portal,
    });
    expect(html).not.toContain('</script><script>alert(1)');
    // Escaped, not dropped: the app still reads the value as it was.
    expect(html).toContain('"tenant":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"');
    expect(html).toContain('"parentOrigin":null');
  });

  it('refuses in the tenant’s language, Dutch by default', () => {
    expect(renderWidgetRefusal('origin-not-allowed', portal)).toContain(
      '<p role="alert">Deze website is niet gemachtigd. Neem contact op met de beheerder van het klantportaal.</p>',
    );
    expect(renderWidgetRefusal('origin-not-allowed', { ...portal, language: 'en' })).toContain(
      'This website is not authorised to show the customer portal.',
    );
    const disabled = renderWidgetRefusal('widget-disabled', { ...portal, language: 'en' });
    expect(disabled).toContain('<html lang="en">');
    expect(disabled).toContain(
      '<p role="alert">This customer portal cannot be shown inside another website. Please contact the administrator of the customer portal.</p>',
    );
    expect(renderWidgetRefusal('widget-disabled', portal)).toContain(
      '<p role="alert">Dit klantportaal kan niet in een andere website worden getoond.',
    );
  });

  it('falls back to Dutch for a language it has no text in, rather than failing', () => {
    expect(widgetRefusalMessage('widget-disabled', 'de' as PortalLanguage)).toBe(widgetRefusalMessage('widget-disabled', 'nl'));
  });

  it('shows the tenant’s name on the refusal as text, never as markup', () => {
    const html = renderWidgetRefusal('origin-not-allowed', {
      ...portal,
      displayName: `Bakker & Zn <script>alert('x')</script> "B"`,
    });
    expect(html).toContain('<title>Bakker &amp; Zn &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;B&quot;</title>');
    expect(html).not.toContain('<script>');
  });
});
