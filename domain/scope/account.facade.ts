import { BadUserInputError, ForbiddenError, inputProblem, NotFoundError } from '../../core/errors.js';
import { audited } from '../audit/index.js';
import type { InviteInput } from '../accounts/invitation.service.js';
import type { Account } from '../accounts/account.types.js';
import type { ApiTokenView } from '../api-tokens/api-token.service.js';
import type { StaffPrincipal } from '../principal.js';
import type { Services } from '../services.js';
import type { NewSession, SessionView } from '../sessions/session.service.js';
import type { PasswordChangeResult } from '../sign-in/password-change.service.js';
import type { SignInInput, SignInResult } from '../sign-in/sign-in.service.js';
import type { StaffSignInResult } from '../staff/staff-auth.service.js';
import { customerOf, staffOf } from './principals.js';
import type { ScopeFacts } from './request-scope.js';

/** Each staff sign-in costs a call to the tenant's Nextcloud: bound guessing per client address. */
const STAFF_SIGN_IN_IP_LIMIT = { limit: 10, windowMs: 60_000 };

/** Who the request is, as the `viewer` field shows it. */
export type WhoAmI =
  | { kind: 'customer'; account: Account; enrolmentOnly: boolean; sessionExpiresAt: Date | null }
  | { kind: 'partner'; account: Account; token: ApiTokenView }
  | { kind: 'staff'; principal: StaffPrincipal }
  | null;

export interface IdentityProofInput {
  currentCode?: string | null;
  password?: string | null;
}

/** Accounts and their credentials for one request: sign-in, MFA, passwords, invitations, API tokens. */
export function accountFacade(services: Services, scope: ScopeFacts) {
  const { tenant, principal } = scope;
  const customer = (what: string) => customerOf(principal, what);

  return {
    async whoAmI(): Promise<WhoAmI> {
      switch (principal.kind) {
        case 'customer': {
          const known = services.sessions.readWhenAuthenticated(principal);
          const [account, session] = known
            ? [known.account, known]
            : await Promise.all([
                services.accounts.get(tenant, principal.accountId),
                services.sessions.describe(principal.sessionId),
              ]);
          return account
            ? { kind: 'customer', account, enrolmentOnly: principal.enrolmentOnly, sessionExpiresAt: session?.expiresAt ?? null }
            : null;
        }
        case 'partner': {
          const [account, token] = await Promise.all([
            services.accounts.get(tenant, principal.accountId),
            services.apiTokens.get(principal),
          ]);
          return account && token ? { kind: 'partner', account, token } : null;
        }
        case 'staff':
          return { kind: 'staff', principal };
        default:
          return null;
      }
    },

    /** Signs a customer in; a browser that still had a session gets it replaced. */
    async signIn(input: SignInInput): Promise<SignInResult> {
      const result = await services.signIn.signIn(tenant, input, scope.meta);
      if (result.status !== 'MFA_REQUIRED' && principal.kind === 'customer') {
        await services.sessions.revoke(principal.sessionId, 'rotated');
      }
      return result;
    },

    /** Ends the current customer or staff session; nothing to do for anyone else. */
    async signOut(): Promise<void> {
      if (principal.kind === 'staff') await services.staff.endSession(principal);
      else if (principal.kind === 'customer') await services.signIn.signOut(tenant, principal, scope.meta);
    },

    async staffSignIn(input: { tenantId: string; loginName: string; appPassword: string }): Promise<StaffSignInResult> {
      const loginName = input.loginName.trim();
      if (!loginName || !input.appPassword) {
        throw new BadUserInputError('Enter your Nextcloud login name and an app password.', [
          ...(loginName ? [] : [inputProblem('loginName', 'REQUIRED', 'Login name is required.')]),
          ...(input.appPassword ? [] : [inputProblem('appPassword', 'REQUIRED', 'App password is required.')]),
        ]);
      }
      // Staff of one tenant sign in on that tenant's portal only.
      if (input.tenantId !== tenant.id) throw new ForbiddenError('Sign in on the portal of that tenant.');
      if (scope.request.ip) await services.rateLimiter.enforce(`staff-signin:ip:${scope.request.ip}`, STAFF_SIGN_IN_IP_LIMIT);
      return services.staff.signIn(tenant, loginName, input.appPassword, scope.meta);
    },

    activate(token: string, password: string): Promise<Account> {
      return services.invitations.activate(tenant, token, password, scope.meta);
    },

    requestPasswordReset(email: string): Promise<boolean> {
      return services.passwordReset.request(tenant, email, scope.mailMeta);
    },

    resetPassword(token: string, newPassword: string): Promise<boolean> {
      return services.passwordReset.reset(tenant, token, newPassword, scope.meta);
    },

    /** A session alone must not replace the factor (and void the owner's recovery codes). */
    async beginMfaEnrollment(proof: IdentityProofInput): Promise<{ secret: string; otpauthUri: string }> {
      const me = customer('beginMfaEnrollment');
      await services.identity.verifyIfMfaOn(tenant, me, proof, scope.meta, 're-enrolment');
      return services.mfa.begin(tenant, me);
    },

    confirmMfaEnrollment(code: string): Promise<{ recoveryCodes: string[]; session: NewSession }> {
      return services.mfa.confirm(tenant, customer('confirmMfaEnrollment'), code, scope.meta);
    },

    /** Wrong codes count toward the sign-in lockout, so a session cannot guess without limit. */
    async disableMfa(code: string): Promise<{ session: NewSession }> {
      const me = customer('disableMfa');
      services.mfa.refuseWhereRequired(tenant);
      const method = await services.identity.verify(tenant, me, { currentCode: code }, scope.meta, 'disable');
      return services.mfa.disableProven(tenant, me, method, scope.meta);
    },

    /** Current password required; other sessions end and this one is renewed (set the new cookie). */
    changePassword(input: { currentPassword: string; newPassword: string }): Promise<PasswordChangeResult> {
      return services.passwordChange.change(tenant, customer('changePassword'), input, scope.meta);
    },

    /** The customer's live sessions: devices, not tokens. */
    listSessions(): Promise<SessionView[]> {
      const me = customer('mySessions');
      return services.sessions.listForAccount(tenant, me.accountId, me.sessionId);
    },

    /**
     * Ends one of the customer's other sessions by the id the list showed. Another account's id
     * (or a made-up one) is NOT_FOUND; the current session ends with signOut instead.
     */
    async revokeSession(id: string): Promise<void> {
      const me = customer('revokeSession');
      const mine = await services.sessions.listForAccount(tenant, me.accountId, me.sessionId);
      const target = mine.find((session) => session.id === id);
      if (!target) throw new NotFoundError('The session');
      if (target.current) {
        const message = 'This is the session you are using: sign out instead.';
        throw new BadUserInputError(message, [inputProblem('id', 'CURRENT_SESSION', message)]);
      }
      await audited(
        services.audit,
        {
          tenantId: tenant.id,
          type: 'session.revoked',
          principal: me,
          target: { type: 'session', id },
          details: { scope: 'one' },
          client: scope.meta,
        },
        async () => {
          // Gone meanwhile (it expired, or another tab ended it): the outcome the customer wanted.
          await services.sessions.revokeByPublicId(tenant, me.accountId, id);
        },
      );
    },

    /** "Sign out everywhere else": answers how many sessions ended. */
    signOutOtherSessions(): Promise<number> {
      const me = customer('signOutOtherSessions');
      return audited(
        services.audit,
        {
          tenantId: tenant.id,
          type: 'session.revoked',
          principal: me,
          target: { type: 'account', id: me.accountId },
          details: { scope: 'others' },
          client: scope.meta,
        },
        () => services.sessions.revokeOthers(me.accountId, me.sessionId),
      );
    },

    listApiTokens(): Promise<ApiTokenView[]> {
      return services.apiTokens.list(customer('apiTokens'));
    },

    /**
     * A token outlives the session: minting one needs more than a (possibly stolen) session.
     * (B2C accounts are refused by create() as FORBIDDEN; no proof is asked of them first.)
     */
    async createApiToken(
      input: { name: string; scopes: readonly string[]; expiresAt?: Date | null } & IdentityProofInput,
    ): Promise<{ secret: string; token: ApiTokenView }> {
      const me = customer('createApiToken');
      const proof = { currentCode: input.currentCode, password: input.password };
      if (me.accountType === 'B2B') await services.identity.verify(tenant, me, proof, scope.meta, 'api-token');
      return services.apiTokens.create(
        tenant,
        me,
        { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt },
        scope.meta,
      );
    },

    revokeApiToken(id: string): Promise<void> {
      return services.apiTokens.revoke(tenant, customer('revokeApiToken'), id, scope.meta);
    },

    /** The tenant admin invites a Pipelinq client; the mail links to the tenant's own address. */
    invite(input: InviteInput): Promise<{ account: Account; contactName: string | null }> {
      return services.invitations.invite(tenant, staffOf(principal, 'invitePortalAccount'), input, scope.mailMeta);
    },

    /** Null for an account of another tenant: a name is never shown across tenants. */
    contactNameOf(account: Pick<Account, 'tenantId' | 'type' | 'clientId' | 'contactId'>): Promise<string | null> {
      if (account.tenantId !== tenant.id) return Promise.resolve(null);
      return services.accounts.contactNameOf(tenant, account);
    },
  };
}

export type AccountFacade = ReturnType<typeof accountFacade>;
