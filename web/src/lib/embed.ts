/**
 * Widget mode. The gateway serves the same bundle at /portal/widget?tenant=… and marks the page:
 * `data-portal-widget` on <html> and a JSON config element `#portal-widget-config` holding
 * `{ tenant, parentOrigin, embedded: true }` (gateway/widget-page.ts). The server page itself
 * reports the height to the verified parent, so the app must not post resize messages again.
 */
export interface EmbedConfig {
  embedded: boolean;
  tenant: string | null;
  /** The embedding page's origin as the server verified it; null when opened directly. */
  parentOrigin: string | null;
}

function readConfigElement(): Partial<EmbedConfig> {
  const element = document.getElementById('portal-widget-config');
  if (!element?.textContent) return {};
  try {
    const parsed: unknown = JSON.parse(element.textContent);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<EmbedConfig>) : {};
  } catch {
    return {};
  }
}

function detect(): EmbedConfig {
  const marked = document.documentElement.hasAttribute('data-portal-widget');
  const config = marked ? readConfigElement() : {};
  const queryTenant = new URLSearchParams(window.location.search).get('tenant');
  return {
    embedded: marked,
    tenant: (typeof config.tenant === 'string' ? config.tenant : null) ?? queryTenant,
    parentOrigin: marked && typeof config.parentOrigin === 'string' ? config.parentOrigin : null,
  };
}

export const embed: EmbedConfig = detect();

/** Tells the embedding page something, only ever addressed to the origin the server verified. */
export function postToParent(message: { type: string } & Record<string, unknown>): void {
  if (!embed.embedded || !embed.parentOrigin || window.parent === window) return;
  window.parent.postMessage(message, embed.parentOrigin);
}
