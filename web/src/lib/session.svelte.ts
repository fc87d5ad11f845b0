import type { Viewer } from './api/bootstrap';
import { signOut as signOutMutation } from './api/auth';
import { onUnauthenticated } from './api/run';
import { postToParent } from './embed';
import { i18n } from './i18n/i18n.svelte';

type CustomerViewer = Extract<Viewer, { __typename: 'CustomerViewer' }>;
export type Account = CustomerViewer['account'];

/**
 * Who is signed in, as far as the app knows. The session itself is an HttpOnly cookie the app
 * never sees; this mirrors `viewer`. Any UNAUTHENTICATED answer means the session ended (idle
 * timeout, signed out in another tab), so the app falls back to signed-out and says why.
 */
class Session {
  account = $state<Account | null>(null);
  /** The portal requires MFA and this session may only finish enrolment. */
  enrolmentOnly = $state(false);
  /** Set when a session ended under the person's hands; the sign-in page explains it. */
  ended = $state(false);

  get signedIn(): boolean {
    return this.account !== null;
  }

  /**
   * From `viewer` (page load) or `signIn` (`signingIn`): only a customer viewer is a portal
   * session. Signing in switches to the account's language.
   */
  adopt(viewer: Viewer | null | undefined, options: { signingIn?: boolean } = {}): void {
    if (viewer?.__typename !== 'CustomerViewer') {
      this.account = null;
      this.enrolmentOnly = false;
      return;
    }
    const customer = viewer as CustomerViewer;
    const firstAdoption = this.account?.id !== customer.account.id;
    this.account = customer.account;
    this.enrolmentOnly = customer.enrolmentOnly;
    this.ended = false;
    if (firstAdoption) i18n.useAccountLocale(customer.account.locale, { override: options.signingIn ?? false });
  }

  async signOut(): Promise<void> {
    try {
      await signOutMutation();
    } finally {
      this.account = null;
      this.enrolmentOnly = false;
      postToParent({ type: 'portal:logout' });
    }
  }
}

export const session = new Session();

onUnauthenticated(() => {
  if (!session.signedIn) return;
  session.account = null;
  session.enrolmentOnly = false;
  session.ended = true;
});
