import type { CustomerPrincipal, PartnerPrincipal, StaffPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';

/**
 * The credentials a request may carry, as the gateway found them. Token prefixes keep the kinds
 * apart so a token of one kind is never tried as another: customer session `ps_`, staff session
 * `pst_`, partner API token `pat_`.
 */
export interface RequestCredentials {
  /** The customer session cookie. */
  sessionToken: string | null;
  /** The staff session cookie, or a `pst_` Bearer token. */
  staffToken: string | null;
  /** A `pat_` Bearer token. */
  apiToken: string | null;
}

/** Turns a credential into a principal of the given tenant, or null when it is not valid now. */
export interface Authenticator<P> {
  /** `via` says where the token came from; staff cookie sessions renew, Bearer tokens do not. */
  authenticate(tenant: Tenant, token: string, via?: 'cookie' | 'bearer'): Promise<P | null>;
}

export type CustomerAuthenticator = Authenticator<CustomerPrincipal>;
export type PartnerAuthenticator = Authenticator<PartnerPrincipal>;
export type StaffAuthenticator = Authenticator<StaffPrincipal>;

export const TOKEN_PREFIX = { session: 'ps_', staff: 'pst_', apiToken: 'pat_' } as const;
export const COOKIE = { session: 'portal_session', staff: 'portal_staff' } as const;
