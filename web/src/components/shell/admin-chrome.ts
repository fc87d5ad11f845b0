import { i18n } from '$lib/i18n/i18n.svelte';

/**
 * The admin panel's header tools, menu and readiness banner, with the panel's texts. The customer
 * portal never shows them, so they are a chunk of their own that only /admin… fetches.
 */
export function loadAdminChrome() {
  return Promise.all([
    import('../admin/AdminNav.svelte'),
    import('../admin/connection/ReadinessBanner.svelte'),
    import('../admin/AdminHeaderTools.svelte'),
    i18n.useAdminTexts(),
  ]).then(([nav, banner, tools]) => ({
    AdminNav: nav.default,
    ReadinessBanner: banner.default,
    AdminHeaderTools: tools.default,
  }));
}

/** The admin panel's sign-in (Nextcloud app password), outside the route table. */
export function loadStaffSignIn() {
  return Promise.all([import('../../routes/(admin)/StaffSignInPage.svelte'), i18n.useAdminTexts()]).then(
    ([page]) => page.default,
  );
}

/** "Not for your role", outside the route table. */
export function loadAdminForbidden() {
  return Promise.all([import('../../routes/(admin)/AdminForbiddenPage.svelte'), i18n.useAdminTexts()]).then(
    ([page]) => page.default,
  );
}
