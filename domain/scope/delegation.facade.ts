import { BadUserInputError, ForbiddenError, inputProblem, NotFoundError } from '../../core/errors.js';
import {
  contactEmailOf,
  isContactOf,
  loadColleagues,
  loadCompany,
  type Colleague,
  type CompanyDetails,
} from '../delegation/company.js';
import type { DelegationView, GrantInput } from '../delegation/delegation.service.js';
import { delegationScopeOf, DELEGATION_SCOPES, type DelegationScope } from '../delegation/delegation.scopes.js';
import { b2bCustomerAsSelf } from '../policy.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import type { ActingFor } from '../principal.js';
import type { Services } from '../services.js';
import { customerOf } from './principals.js';
import type { ScopeFacts } from './request-scope.js';

/** A delegation with the name of the company it is for, as both sides list it. */
export type DelegationListItem = DelegationView & { companyName: string | null };

/** The company context a session acts in, as the viewer shows it. */
export interface ActingContextView {
  delegationId: string;
  clientId: string;
  companyName: string | null;
  scopes: DelegationScope[];
}

/**
 * Company context, colleagues and delegated access for one request (issue 16). The shield rules
 * decide who gets here; the delegation service decides again whether a grant may be used.
 */
export function delegationFacade(services: Services, scope: ScopeFacts) {
  const { tenant, principal } = scope;
  const me = (what: string) => customerOf(principal, what);
  /** One audit event per delegated scope per request is enough to show what was used when. */
  const used = new Set<string>();

  const companyName = async (clientId: string): Promise<string | null> => {
    const company = await loadCompany(scope.personLoaders, fieldMappingFor(tenant), clientId).catch(() => null);
    return company?.name ?? null;
  };
  const withNames = (views: DelegationView[]): Promise<DelegationListItem[]> =>
    Promise.all(views.map(async (view) => ({ ...view, companyName: await companyName(view.grantorClientId) })));
  const actingView = async (acting: ActingFor): Promise<ActingContextView> => ({
    delegationId: acting.delegationId,
    clientId: acting.clientId,
    companyName: await companyName(acting.clientId),
    scopes: DELEGATION_SCOPES.filter((s) => acting.scopes.some((data) => delegationScopeOf(data) === s)),
  });

  return {
    async grant(input: GrantInput): Promise<DelegationListItem> {
      const view = await services.delegations.grant(tenant, me('grantDelegation'), input, scope.mailMeta);
      return { ...view, companyName: await companyName(view.grantorClientId) };
    },

    async revoke(id: string): Promise<DelegationListItem> {
      const view = await services.delegations.revoke(tenant, me('revokeDelegation'), id, scope.meta);
      return { ...view, companyName: await companyName(view.grantorClientId) };
    },

    async granted(): Promise<DelegationListItem[]> {
      return withNames(await services.delegations.granted(me('delegationsGranted')));
    },

    /**
     * Grants waiting for this person's address bind here too, not only at activation: an account
     * that was blocked when the grant was made, or that confirmed that address later, gets them
     * when it next looks (each binds once, audited as delegation.activated).
     */
    async received(): Promise<DelegationListItem[]> {
      const customer = me('delegationsReceived');
      const account = await services.accounts.get(tenant, customer.accountId);
      if (account?.status === 'ACTIVE') await services.delegations.bindPending(account, scope.meta);
      return withNames(await services.delegations.received(customer));
    },

    /**
     * Chooses whose records the session shows: a company that delegated to this person, or
     * "myself" (null). Stored on the session, so REST downloads and GraphQL agree.
     */
    async switchContext(delegationId: string | null): Promise<ActingContextView | null> {
      const customer = me('switchContext');
      if (delegationId === null) {
        await services.sessions.setActingFor(customer.sessionId, null);
        return null;
      }
      const acting = await services.delegations.contextFor(tenant.id, customer.accountId, delegationId);
      if (!acting) throw new ForbiddenError('This company does not give you access now.');
      await services.sessions.setActingFor(customer.sessionId, delegationId);
      return actingView(acting);
    },

    /** The context this request runs in; null for "myself". */
    acting(): Promise<ActingContextView | null> {
      if (principal.kind !== 'customer' || !principal.actingFor) return Promise.resolve(null);
      return actingView(principal.actingFor);
    },

    /** The B2B account's own company card (null for B2C, or when Pipelinq has no such client). */
    company(): Promise<CompanyDetails | null> {
      if (principal.kind !== 'customer' || principal.accountType !== 'B2B') return Promise.resolve(null);
      return loadCompany(scope.personLoaders, fieldMappingFor(tenant), principal.clientId);
    },

    /** The company's contacts with each one's portal state (status only). */
    async colleagues(): Promise<Colleague[]> {
      const verdict = b2bCustomerAsSelf(principal);
      if (verdict !== true) throw verdict;
      const customer = me('colleagues');
      const accounts = await services.accounts.repository.listByClient(tenant.id, customer.clientId);
      return loadColleagues(
        scope.nextcloud,
        fieldMappingFor(tenant),
        customer.clientId,
        accounts,
        customer.contactId,
        tenant.portal.colleagueInvitesEnabled,
      );
    },

    /**
     * Invites a colleague who has no account yet, when the tenant allows it: the same invitation
     * (mail, audit `account.invited`) as an admin's, with the inviting account as the actor.
     */
    async inviteColleague(contactId: string): Promise<Colleague> {
      const verdict = b2bCustomerAsSelf(principal);
      if (verdict !== true) throw verdict;
      const customer = me('inviteColleague');
      if (!tenant.portal.colleagueInvitesEnabled) throw new ForbiddenError('This portal does not let you invite colleagues.');
      const contact = await scope.personLoaders.contact.load(contactId);
      if (!contact || contact.id !== contactId || !isContactOf(contact, customer.clientId))
        throw new NotFoundError('The colleague');
      const email = contactEmailOf(contact);
      if (!email)
        throw new BadUserInputError('Pipelinq has no email address for this colleague.', [
          inputProblem('contactId', 'REQUIRED', 'Pipelinq has no email address for this colleague.'),
        ]);
      const accounts = await services.accounts.repository.listByClient(tenant.id, customer.clientId);
      if (accounts.some((a) => a.contactId === contactId && a.status !== 'CLOSED'))
        throw new BadUserInputError('This colleague already has an account.', [
          inputProblem('contactId', 'EMAIL_IN_USE', 'This colleague already has an account.'),
        ]);
      const self = await services.accounts.get(tenant, customer.accountId);
      const { account } = await services.invitations.invite(
        tenant,
        customer,
        { email, type: 'B2B', clientId: customer.clientId, contactId, locale: self?.locale ?? 'nl' },
        scope.mailMeta,
      );
      const after = await loadColleagues(
        scope.nextcloud,
        fieldMappingFor(tenant),
        customer.clientId,
        [account],
        customer.contactId,
      );
      const colleague = after.find((c) => c.contactId === contactId);
      if (!colleague) throw new NotFoundError('The colleague');
      return { ...colleague, canInvite: false };
    },

    /**
     * Records that a grantee used (or was refused) a delegated scope: actor = the grantee,
     * details.onBehalfOf = the company and the grantor. Once per scope per request.
     */
    async recordUse(dataScope: string, field: string, allowed: boolean): Promise<void> {
      if (principal.kind !== 'customer' || !principal.actingFor) return;
      const key = `${dataScope}:${allowed}`;
      if (used.has(key)) return;
      used.add(key);
      const acting = principal.actingFor;
      await services.audit.append({
        tenantId: tenant.id,
        type: 'delegation.used',
        outcome: allowed ? 'success' : 'denied',
        principal,
        target: { type: 'delegation', id: acting.delegationId },
        details: {
          onBehalfOf: { clientId: acting.clientId, accountId: acting.grantorAccountId },
          scope: delegationScopeOf(dataScope),
          dataScope,
          field,
        },
        client: scope.meta,
      });
    },
  };
}

export type DelegationFacade = ReturnType<typeof delegationFacade>;
