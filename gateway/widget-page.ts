import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PortalLanguage, PortalSettings } from '../domain/tenants/portal-settings.js';
import { projectRoot } from '../core/paths.js';

const indexFile = path.join(projectRoot, 'web', 'dist', 'index.html');

/** Used when the web bundle is not built: the page still identifies itself as the widget. */
const SHELL =
  '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n<title>Klantportaal</title>\n</head>\n<body>\n<div id="app"></div>\n</body>\n</html>\n';

let cached: { mtimeMs: number; html: string } | undefined;

/** The web bundle's index.html, re-read when a build replaces it. */
function bundleIndex(): string {
  try {
    const { mtimeMs } = statSync(indexFile);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(indexFile, 'utf8') };
    return cached.html;
  } catch {
    return SHELL;
  }
}

export const widgetPageNonce = () => randomBytes(16).toString('base64');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside <script>: `<` escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Reports the page height to the embedding page, and only to the origin the server verified:
 * postMessage with that exact targetOrigin is delivered only if the parent really is that origin.
 * Without a verified parent (opened directly, or not from a listed site) it posts nothing.
 */
const RESIZE_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('portal-widget-config').textContent);
  window.portalWidget = config;
  if (!config.parentOrigin || window.parent === window) return;
  var last = -1;
  function report() {
    var height = Math.ceil(Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0));
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'portal:resize', height: height }, config.parentOrigin);
  }
  function start() {
    report();
    if (typeof ResizeObserver === 'function') {
      var observer = new ResizeObserver(report);
      observer.observe(document.documentElement);
      if (document.body) observer.observe(document.body);
    } else {
      window.addEventListener('resize', report);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();`;

/**
 * The portal's page with the widget marker: `data-portal-widget` on <html> and
 * `window.portalWidget = { tenant, parentOrigin, embedded: true }` for the app. The page's content
 * policy is a <meta> element so the response header can be exactly `frame-ancestors …`.
 */
export function renderWidgetPage(options: {
  tenantId: string;
  parentOrigin: string | null;
  nonce: string;
  settings: PortalSettings;
}): string {
  const config = { tenant: options.tenantId, parentOrigin: options.parentOrigin, embedded: true };
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  const head = `\n<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const tail =
    `<script id="portal-widget-config" type="application/json">${scriptJson(config)}</script>\n` +
    `<script nonce="${options.nonce}">${RESIZE_SCRIPT}</script>\n`;
  return bundleIndex()
    .replace(/<html[^>]*>/i, `<html lang="${options.settings.language}" data-portal-widget>`)
    .replace(/<head[^>]*>/i, (match) => match + head)
    .replace(/<\/head>/i, `${tail}</head>`);
}

const REFUSALS: Record<PortalLanguage, Record<'widget-disabled' | 'origin-not-allowed', string>> = {
  nl: {
    'origin-not-allowed': 'Deze website is niet gemachtigd. Neem contact op met de beheerder van het klantportaal.',
    'widget-disabled':
      'Dit klantportaal kan niet in een andere website worden getoond. Neem contact op met de beheerder van het klantportaal.',
  },
  en: {
    'origin-not-allowed':
      'This website is not authorised to show the customer portal. Please contact the administrator of the customer portal.',
    'widget-disabled':
      'This customer portal cannot be shown inside another website. Please contact the administrator of the customer portal.',
  },
};

export function widgetRefusalMessage(reason: 'widget-disabled' | 'origin-not-allowed', language: PortalLanguage): string {
  return (REFUSALS[language] ?? REFUSALS.nl)[reason];
}

/** A short page in the tenant's language that the refused frame shows. */
export function renderWidgetRefusal(reason: 'widget-disabled' | 'origin-not-allowed', settings: PortalSettings): string {
  const message = escapeHtml(widgetRefusalMessage(reason, settings.language));
  return (
    `<!doctype html>\n<html lang="${settings.language}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(settings.displayName)}</title>\n` +
    '<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;background:#fff}</style>\n' +
    `</head>\n<body>\n<p role="alert">${message}</p>\n</body>\n</html>\n`
  );
}
