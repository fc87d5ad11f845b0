import type { StaffRole } from '../gql/graphql';
import type { Viewer } from './api/bootstrap';
import { onUnauthenticated } from './api/run';

export interface StaffIdentity {
  loginName: string;
  roles: readonly StaffRole[];
  tenantId: string;
}

/**
 * The admin panel's counterpart of `session`: which tenant admin or DPO is signed in, mirrored
 * from `viewer` (a StaffViewer). The staff session itself is the HttpOnly `portal_staff` cookie,
 * which the app never sees or holds; this only decides what the panel shows.
 */
class StaffSession {
  identity = $state<StaffIdentity | null>(null);
  /** The session ended under the person's hands (expired, or the app password was revoked). */
  ended = $state(false);
  /** Signed out in this tab (the panel then says what that does and does not end). */
  signedOut = $state(false);

  get signedIn(): boolean {
    return this.identity !== null;
  }

  has(role: StaffRole): boolean {
    return this.identity?.roles.includes(role) ?? false;
  }

  /** Whether any of `roles` is held; an empty list means any staff member. */
  hasAny(roles: readonly StaffRole[] | undefined): boolean {
    if (!this.identity) return false;
    return !roles?.length || roles.some((role) => this.has(role));
  }

  adopt(viewer: Viewer | null | undefined): void {
    if (viewer?.__typename !== 'StaffViewer') {
      this.identity = null;
      return;
    }
    const { loginName, roles, tenantId } = viewer as Extract<Viewer, { __typename: 'StaffViewer' }>;
    this.identity = { loginName, roles: [...roles], tenantId };
    this.ended = false;
    this.signedOut = false;
  }

  /**
   * The API has no staff sign-out yet (`signOut` ends customer sessions only), so this forgets the
   * session in the app; the cookie stays valid until it expires on the server.
   */
  forget(): void {
    this.identity = null;
    this.signedOut = true;
  }
}

export const staff = new StaffSession();

onUnauthenticated(() => {
  if (!staff.signedIn) return;
  staff.identity = null;
  staff.ended = true;
});
