import { tick } from 'svelte';
import { embed } from '../embed';

/**
 * History API routing under /portal/. A route path is what the app works with ("/invoices",
 * "/requests/42"); the address bar shows it below /portal. Inside the widget the address must stay
 * /portal/widget?tenant=… (only that page may be framed, and a reload must keep widget mode), so
 * there the route path travels in `?view=`. `?tenant=` is carried along on every link, so a portal
 * opened for another tenant stays on it.
 */
const BASE = '/portal';
const WIDGET_PATH = `${BASE}/widget`;
const STICKY = ['tenant'] as const;

export interface Location {
  path: string;
  query: URLSearchParams;
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`;
}

function readLocation(): Location {
  const url = new URL(window.location.href);
  const query = new URLSearchParams(url.search);
  if (embed.embedded) {
    const view = query.get('view') ?? '/';
    query.delete('view');
    return { path: normalisePath(view), query };
  }
  const below = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  return { path: normalisePath(below || '/'), query };
}

class Router {
  location = $state<Location>(readLocation());
  /** Bumped on every in-app navigation (not on the first load), so the view can move focus. */
  navigations = $state(0);

  constructor() {
    window.addEventListener('popstate', () => {
      this.location = readLocation();
      this.navigations += 1;
    });
  }

  /** The address for a route path, which may carry its own query (`/reset-password?token=…`). */
  href(to: string): string {
    const [pathPart, search = ''] = to.split('?', 2) as [string, string?];
    const path = normalisePath(pathPart);
    const query = new URLSearchParams(search);
    const current = new URLSearchParams(window.location.search);
    for (const name of STICKY) {
      const value = current.get(name);
      if (value && !query.has(name)) query.set(name, value);
    }
    if (embed.embedded) {
      if (path !== '/') query.set('view', path);
      return `${WIDGET_PATH}?${query.toString()}`;
    }
    const qs = query.toString();
    return `${BASE}${path === '/' ? '/' : path}${qs ? `?${qs}` : ''}`;
  }

  navigate(to: string, options: { replace?: boolean } = {}): void {
    const href = this.href(to);
    if (options.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    this.location = readLocation();
    this.navigations += 1;
  }

  isActive(path: string): boolean {
    const current = this.location.path;
    return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
  }
}

export const router = new Router();

/** After a page change, focus the main region so keyboard and screen reader users start there. */
export async function focusMain(): Promise<void> {
  await tick();
  const main = document.getElementById('portal-main-content');
  main?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** Only paths inside the app may be a `next` target after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
