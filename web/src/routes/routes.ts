import type { Component } from 'svelte';
import type { Feature, StaffRole } from '../gql/graphql';
import { i18n } from '$lib/i18n/i18n.svelte';
import SignInPage from './(public)/SignInPage.svelte';
import {
  matchEntry,
  normaliseRoutePath,
  ROUTE_TABLE,
  type RouteEntry,
  type RouteFeature,
  type RoutePattern,
  type RouteRole,
} from './route-table';

export type { Access } from './route-table';

type PageComponent = Component<{ params: Record<string, string> }>;
type PageModule = { default: PageComponent };

/**
 * The page behind each address of route-table.ts. Pages load on first use, so the sign-in page a
 * signed-out visitor sees does not carry the customer pages, and nobody but staff downloads the
 * admin panel. The record type makes a route without a page (or a page without a route) a type error.
 */
const PAGES: Record<RoutePattern, () => Promise<PageModule>> = {
  '/': () => import('./(customer)/DashboardPage.svelte'),
  // The sign-in form is also what a signed-out visitor sees on every customer page: always there.
  '/sign-in': () => Promise.resolve({ default: SignInPage }),
  '/password-reset': () => import('./(public)/PasswordResetRequestPage.svelte'),
  '/reset-password': () => import('./(public)/ResetPasswordPage.svelte'),
  '/activate': () => import('./(public)/ActivatePage.svelte'),
  '/confirm-email': () => import('./(public)/ConfirmEmailPage.svelte'),
  '/confirm-closure': () => import('./(public)/ConfirmClosurePage.svelte'),
  '/mfa-setup': () => import('./(customer)/MfaSetupPage.svelte'),
  '/invoices': () => import('./(customer)/InvoicesPage.svelte'),
  '/invoices/:id': () => import('./(customer)/InvoiceDetailPage.svelte'),
  '/orders': () => import('./(customer)/OrdersPage.svelte'),
  '/orders/:id': () => import('./(customer)/OrderDetailPage.svelte'),
  '/contracts': () => import('./(customer)/ContractsPage.svelte'),
  '/contracts/:id': () => import('./(customer)/ContractDetailPage.svelte'),
  '/requests': () => import('./(customer)/RequestsPage.svelte'),
  '/requests/new': () => import('./(customer)/NewRequestPage.svelte'),
  '/requests/:id': () => import('./(customer)/RequestDetailPage.svelte'),
  '/documents': () => import('./(customer)/DocumentsPage.svelte'),
  '/profile': () => import('./(customer)/ProfilePage.svelte'),
  '/privacy': () => import('./(customer)/PrivacyPage.svelte'),
  '/security': () => import('./(customer)/SecurityPage.svelte'),
  '/delegations': () => import('./(customer)/DelegationsPage.svelte'),
  '/admin': () => import('./(admin)/AdminHomePage.svelte'),
  '/admin/settings': () => import('./(admin)/AdminSettingsPage.svelte'),
  '/admin/accounts': () => import('./(admin)/AdminAccountsPage.svelte'),
  '/admin/audit': () => import('./(admin)/AdminAuditPage.svelte'),
  '/admin/cleanup': () => import('./(admin)/AdminCleanupPage.svelte'),
};

// The table names features and roles without importing the generated types; these fail the
// type check when they drift apart from the API's.
const sameFeatures: [Feature, RouteFeature] extends [RouteFeature, Feature] ? true : never = true;
const sameRoles: [StaffRole, RouteRole] extends [RouteRole, StaffRole] ? true : never = true;
void sameFeatures;
void sameRoles;

export interface RouteDef extends RouteEntry {
  feature?: Feature;
  roles?: StaffRole[];
  /** The page's module, fetched once and then kept. */
  load: () => Promise<PageModule>;
}

const loaded = new Map<string, Promise<PageModule>>();

export const ROUTES: RouteDef[] = ROUTE_TABLE.map((entry: RouteEntry) => ({
  ...entry,
  load: () => {
    const pattern = entry.pattern as RoutePattern;
    let module = loaded.get(pattern);
    if (!module) {
      // The admin panel's texts are a chunk of their own, fetched together with its pages.
      module =
        entry.access === 'staff'
          ? Promise.all([PAGES[pattern](), i18n.useAdminTexts()]).then(([page]) => page)
          : PAGES[pattern]();
      // A failed download (a deploy replaced the chunk, a dropped connection) may be tried again.
      module.catch(() => loaded.delete(pattern));
      loaded.set(pattern, module);
    }
    return module;
  },
}));

/** The admin panel's pages, in menu order; each is shown only to the roles it names. */
export const ADMIN_ROUTES = ROUTES.filter((route) => route.access === 'staff' && route.roles);

/** Whether a route path belongs to the admin panel (its own menu, header and sign-in). */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

export function matchRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  const match = matchEntry(ROUTES, normaliseRoutePath(path));
  return match && { route: match.entry, params: match.params };
}
