import type { Colleague as ColleagueRecord } from '../../domain/delegation/company.js';
import type { ActingContextView, DelegationListItem } from '../../domain/scope/delegation.facade.js';
import { Colleague } from '../../schema/delegation/company.types.js';
import { DelegationScope, DelegationStatus, PortalAccountState } from '../../schema/delegation/delegation.enums.js';
import type { ActingContext, Delegation } from '../../schema/delegation/delegation.types.js';

export function toDelegation(item: DelegationListItem): Delegation {
  return {
    id: item.id,
    companyName: item.companyName,
    granteeEmail: item.granteeEmail,
    granteeHasAccount: item.granteeBound,
    scopes: item.scopes.map((scope) => DelegationScope[scope]),
    validFrom: item.validFrom,
    validUntil: item.validUntil,
    createdAt: item.createdAt,
    activatedAt: item.activatedAt,
    revokedAt: item.revokedAt,
    status: DelegationStatus[item.status],
  };
}

export function toActingContext(view: ActingContextView): ActingContext {
  return { delegationId: view.delegationId, companyName: view.companyName, scopes: view.scopes.map((s) => DelegationScope[s]) };
}

export function toColleague(record: ColleagueRecord): Colleague {
  return {
    contactId: record.contactId,
    name: record.name,
    role: record.role,
    hasPortalAccount: record.portalAccount !== 'NONE',
    portalAccountState: PortalAccountState[record.portalAccount],
    isYou: record.isYou,
    canInvite: record.canInvite,
  };
}
