import { accept, refuse, type Checked } from './problems.js';

export const MAX_WIDGET_ORIGINS = 20;
const DEVELOPMENT_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An origin allowed to embed the widget, exactly as the browser reports it (`Origin`, the origin
 * of `Referer`, CSP `frame-ancestors`): `https://host[:port]`, or `http://localhost:port` and
 * `http://127.0.0.1:port` for development. No wildcards (the point is to name the sites), no
 * paths or queries (an origin has none; accepting them would suggest a precision that is not
 * there). Normalised with the URL parser: lower-case host, punycode, default port dropped.
 */
export function normaliseWidgetOrigin(raw: string): Checked<string> {
  const trimmed = raw.trim();
  const value = trimmed.slice(0, 100);
  const shown = `"${value}"`;
  if (trimmed.includes('*'))
    return refuse(
      'ORIGIN_WILDCARD',
      `Widget origin ${shown} contains a wildcard; list each site exactly, like https://www.example.nl.`,
      { value },
    );
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse('ORIGIN_INVALID', `Widget origin ${shown} is not an origin like https://www.example.nl.`, { value });
  }
  if (
    url.username ||
    url.password ||
    trimmed.includes('?') ||
    trimmed.includes('#') ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    return refuse(
      'ORIGIN_NOT_BARE',
      `Widget origin ${shown} must be only scheme, host and port (like https://www.example.nl), without path, query or login.`,
      { value },
    );
  }
  if (url.protocol === 'http:') {
    if (!DEVELOPMENT_HOSTS.has(url.hostname) || !url.port) {
      return refuse(
        'ORIGIN_NOT_HTTPS',
        `Widget origin ${shown} must use https; plain http is only allowed for http://localhost:PORT and http://127.0.0.1:PORT.`,
        { value },
      );
    }
  } else if (url.protocol !== 'https:') {
    return refuse('ORIGIN_NOT_HTTPS', `Widget origin ${shown} must use https.`, { value });
  }
  if (!url.hostname) return refuse('ORIGIN_INVALID', `Widget origin ${shown} has no host name.`, { value });
  return accept(url.origin);
}
