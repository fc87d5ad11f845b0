import type { Component } from 'svelte';
import type { Feature, StaffRole } from '../gql/graphql';
import AdminAccountsPage from './(admin)/AdminAccountsPage.svelte';
import AdminAuditPage from './(admin)/AdminAuditPage.svelte';
import AdminCleanupPage from './(admin)/AdminCleanupPage.svelte';
import AdminHomePage from './(admin)/AdminHomePage.svelte';
import AdminSettingsPage from './(admin)/AdminSettingsPage.svelte';
import ContractDetailPage from './(customer)/ContractDetailPage.svelte';
import ContractsPage from './(customer)/ContractsPage.svelte';
import DashboardPage from './(customer)/DashboardPage.svelte';
import DocumentsPage from './(customer)/DocumentsPage.svelte';
import InvoiceDetailPage from './(customer)/InvoiceDetailPage.svelte';
import InvoicesPage from './(customer)/InvoicesPage.svelte';
import MfaSetupPage from './(customer)/MfaSetupPage.svelte';
import NewRequestPage from './(customer)/NewRequestPage.svelte';
import OrderDetailPage from './(customer)/OrderDetailPage.svelte';
import OrdersPage from './(customer)/OrdersPage.svelte';
import PrivacyPage from './(customer)/PrivacyPage.svelte';
import ProfilePage from './(customer)/ProfilePage.svelte';
import RequestDetailPage from './(customer)/RequestDetailPage.svelte';
import RequestsPage from './(customer)/RequestsPage.svelte';
import SecurityPage from './(customer)/SecurityPage.svelte';
import ActivatePage from './(public)/ActivatePage.svelte';
import ConfirmClosurePage from './(public)/ConfirmClosurePage.svelte';
import ConfirmEmailPage from './(public)/ConfirmEmailPage.svelte';
import PasswordResetRequestPage from './(public)/PasswordResetRequestPage.svelte';
import ResetPasswordPage from './(public)/ResetPasswordPage.svelte';
import SignInPage from './(public)/SignInPage.svelte';

/**
 * The portal's pages. `public`: anyone (links from mails work signed in or out); `guest`: the
 * sign-in pages, which a signed-in person skips; `customer`: needs a session, and `feature` must
 * be switched on for the tenant; `enrolment`: the one page an MFA-enrolment-only session may see;
 * `staff`: the admin panel (/admin…), for a tenant admin or DPO holding one of `roles`.
 */
export type Access = 'public' | 'guest' | 'customer' | 'enrolment' | 'staff';

export interface RouteDef {
  pattern: string;
  page: Component<{ params: Record<string, string> }>;
  access: Access;
  feature?: Feature;
  roles?: StaffRole[];
}

export const ROUTES: RouteDef[] = [
  { pattern: '/', page: DashboardPage, access: 'customer' },
  { pattern: '/sign-in', page: SignInPage, access: 'guest' },
  { pattern: '/password-reset', page: PasswordResetRequestPage, access: 'guest' },
  { pattern: '/reset-password', page: ResetPasswordPage, access: 'public' },
  { pattern: '/activate', page: ActivatePage, access: 'public' },
  { pattern: '/confirm-email', page: ConfirmEmailPage, access: 'public' },
  { pattern: '/confirm-closure', page: ConfirmClosurePage, access: 'public' },
  { pattern: '/mfa-setup', page: MfaSetupPage, access: 'enrolment' },
  { pattern: '/invoices', page: InvoicesPage, access: 'customer', feature: 'INVOICES' },
  { pattern: '/invoices/:id', page: InvoiceDetailPage, access: 'customer', feature: 'INVOICES' },
  { pattern: '/orders', page: OrdersPage, access: 'customer', feature: 'ORDERS' },
  { pattern: '/orders/:id', page: OrderDetailPage, access: 'customer', feature: 'ORDERS' },
  { pattern: '/contracts', page: ContractsPage, access: 'customer', feature: 'CONTRACTS' },
  { pattern: '/contracts/:id', page: ContractDetailPage, access: 'customer', feature: 'CONTRACTS' },
  { pattern: '/requests', page: RequestsPage, access: 'customer', feature: 'REQUESTS' },
  { pattern: '/requests/new', page: NewRequestPage, access: 'customer', feature: 'REQUESTS' },
  { pattern: '/requests/:id', page: RequestDetailPage, access: 'customer', feature: 'REQUESTS' },
  { pattern: '/documents', page: DocumentsPage, access: 'customer', feature: 'DOCUMENTS' },
  { pattern: '/profile', page: ProfilePage, access: 'customer', feature: 'PROFILE' },
  // GDPR rights and sign-in security: never behind a feature switch (issue 14).
  { pattern: '/privacy', page: PrivacyPage, access: 'customer' },
  { pattern: '/security', page: SecurityPage, access: 'customer' },
  { pattern: '/admin', page: AdminHomePage, access: 'staff' },
  { pattern: '/admin/settings', page: AdminSettingsPage, access: 'staff', roles: ['ADMIN'] },
  { pattern: '/admin/accounts', page: AdminAccountsPage, access: 'staff', roles: ['ADMIN'] },
  { pattern: '/admin/audit', page: AdminAuditPage, access: 'staff', roles: ['ADMIN', 'DPO'] },
  { pattern: '/admin/cleanup', page: AdminCleanupPage, access: 'staff', roles: ['ADMIN'] },
];

/** The admin panel's pages, in menu order; each is shown only to the roles it names. */
export const ADMIN_ROUTES = ROUTES.filter((route) => route.access === 'staff' && route.roles);

/** Whether a route path belongs to the admin panel (its own menu, header and sign-in). */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

export function matchRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const part = parts[index]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (matches) return { route, params };
  }
  return null;
}
