import type { RequestHandler } from 'express';
import type { PortalSettings } from '../domain/tenants/portal-settings.js';
import { requireTenant } from './tenant-middleware.js';
import { renderWidgetPage, renderWidgetRefusal, widgetPageNonce } from './widget-page.js';

/**
 * The embeddable portal, `GET /portal/widget?tenant=ID` (CONTRACT.md). The checks below are pure
 * functions of the request's headers and the tenant's settings (STYLE.md 4), read from the tenant
 * directory on every request, so an origin added or removed applies to the next request.
 */

export interface WidgetRequestFacts {
  /** `Sec-Fetch-Dest`: what the browser loads this response into. */
  fetchDest: string | null;
  origin: string | null;
  referer: string | null;
}

export type WidgetDecision =
  { allow: true; parentOrigin: string | null } | { allow: false; reason: 'widget-disabled' | 'origin-not-allowed' };

/** Destinations that put the response inside another page. */
const EMBEDDED_DESTINATIONS = new Set(['iframe', 'frame', 'embed', 'object', 'fencedframe']);

/**
 * The embedding page's origin: `Origin` when a browser sent one, else the origin of `Referer`
 * (a frame's navigation usually carries only the latter; with the default referrer policy
 * `strict-origin-when-cross-origin` it is at least the origin). Opaque or unparsable → unknown.
 */
export function embeddingOriginOf(facts: Pick<WidgetRequestFacts, 'origin' | 'referer'>): string | null {
  for (const header of [facts.origin, facts.referer]) {
    try {
      // An absent header reads as `null`, like the opaque origin: neither is a URL.
      const origin = new URL(String(header)).origin;
      if (origin !== 'null') return origin;
    } catch {
      // not a URL: try the next header
    }
  }
  return null;
}

/**
 * Whether to serve the widget, and to which parent the page may post its height.
 * - Widget mode off: refuse, whoever asks.
 * - Loaded into a frame by a page whose origin is not listed (or cannot be told): refuse, so a
 *   foreign site gets a clear message instead of the portal. A browser without Fetch Metadata is
 *   still held by the page's `frame-ancestors`.
 * - Otherwise serve. The parent origin is passed to the page only when it is a listed origin;
 *   a page opened directly (not framed) gets none and posts nothing.
 */
export function decideWidgetRequest(
  facts: WidgetRequestFacts,
  settings: Pick<PortalSettings, 'widgetEnabled' | 'widgetAllowedOrigins'>,
): WidgetDecision {
  if (!settings.widgetEnabled) return { allow: false, reason: 'widget-disabled' };
  const embedder = embeddingOriginOf(facts);
  const listed = settings.widgetAllowedOrigins.some((allowed) => allowed === embedder);
  const framed = facts.fetchDest !== null && EMBEDDED_DESTINATIONS.has(facts.fetchDest.trim().toLowerCase());
  if (framed && !listed) return { allow: false, reason: 'origin-not-allowed' };
  return { allow: true, parentOrigin: listed ? embedder : null };
}

/** Exactly the allowed origins may frame the page; with none, nobody may. */
export function frameAncestorsPolicy(allowedOrigins: readonly string[]): string {
  return `frame-ancestors ${allowedOrigins.length ? allowedOrigins.join(' ') : "'none'"}`;
}

export function widgetRoute(): RequestHandler {
  return (req, res) => {
    const tenant = requireTenant(req);
    const decision = decideWidgetRequest(
      { fetchDest: req.get('sec-fetch-dest') ?? null, origin: req.get('origin') ?? null, referer: req.get('referer') ?? null },
      tenant.portal,
    );
    // The global X-Frame-Options: DENY (security-headers.ts) would override frame-ancestors in
    // old browsers; this route states its own framing policy instead.
    res.removeHeader('X-Frame-Options');
    // The answer depends on who embeds it; no cache may hand one site's answer to another.
    res.setHeader('Cache-Control', 'no-store');
    if (!decision.allow) {
      // The refusal must be shown inside the foreign frame to be of any use, so it may be framed
      // by anyone; it is static text with nothing to click, so there is nothing to hijack.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
      res.status(403).type('html').send(renderWidgetRefusal(decision.reason, tenant.portal));
      return;
    }
    const nonce = widgetPageNonce();
    res.setHeader('Content-Security-Policy', frameAncestorsPolicy(tenant.portal.widgetAllowedOrigins));
    res
      .status(200)
      .type('html')
      .send(renderWidgetPage({ tenantId: tenant.id, parentOrigin: decision.parentOrigin, nonce, settings: tenant.portal }));
  };
}
