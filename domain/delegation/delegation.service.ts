import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { BadUserInputError, ForbiddenError, inputProblem, NotFoundError, type InputProblem } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { collectionOf } from '../../store/collection.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { isPlausibleEmail, normaliseEmail, type Account } from '../accounts/account.types.js';
import { audited, type AuditWriter } from '../audit/index.js';
import { mayGrantDelegation } from '../policy.js';
import type { ActingFor, CustomerPrincipal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { delegationModel, type DelegationDocument, type DelegationModel } from './delegation.model.js';
import { dataScopesOf, parseDelegationScopes, type DelegationScope } from './delegation.scopes.js';
import { delegationStatusOf, isLive, type DelegationStatus } from './delegation-status.js';

/** A company rarely needs more; the cap keeps a hijacked session from granting thousands. */
export const MAX_OPEN_GRANTS = 50;

export interface GrantInput {
  granteeEmail: string;
  scopes: readonly string[];
  validFrom?: Date | null;
  validUntil?: Date | null;
}

/** A delegation as grantor and grantee see it. */
export interface DelegationView {
  id: string;
  grantorAccountId: string;
  grantorClientId: string;
  granteeEmail: string;
  /** Whether the grant has bound to an account (status only: never the account's id or data). */
  granteeBound: boolean;
  scopes: DelegationScope[];
  validFrom: Date;
  validUntil: Date | null;
  createdAt: Date;
  activatedAt: Date | null;
  revokedAt: Date | null;
  status: DelegationStatus;
}

/** Sends the grantee their mail; failures are the sender's to log (the grant stands). */
export type DelegationNotifier = (
  tenant: Tenant,
  delegation: DelegationDocument,
  grantee: Account | null,
  meta: { publicUrl: string },
) => Promise<void>;

export interface DelegationServiceDeps {
  connection: Connection;
  accounts: Pick<AccountRepository, 'findById' | 'findByEmail'>;
  audit: AuditWriter;
  notify?: DelegationNotifier;
  logger?: Logger;
  now?: () => Date;
}

/**
 * Delegated access (machtigen, issue 16): a B2B account lets another person of the same tenant
 * see its company's records within chosen scopes, from a date and optionally until one. Unlike
 * Pipelinq's portal, a grant to an address without an account waits and binds when that account
 * is activated, and the grantee is mailed. Whether a grant may be used is decided on every request
 * (contextFor): revoked, outside its dates, or a grantor who is no longer ACTIVE means no access.
 */
export class DelegationService {
  readonly model: DelegationModel;
  private readonly now: () => Date;

  constructor(private readonly deps: DelegationServiceDeps) {
    this.model = delegationModel(deps.connection);
    this.now = deps.now ?? (() => new Date());
  }

  private get docs() {
    return collectionOf<DelegationDocument>(this.model);
  }

  async grant(
    tenant: Tenant,
    principal: CustomerPrincipal,
    input: GrantInput,
    meta: RequestMeta & { publicUrl: string },
  ): Promise<DelegationView> {
    const allowed = mayGrantDelegation(principal);
    if (allowed !== true) throw allowed;
    const grantor = await this.deps.accounts.findById(principal.accountId);
    if (!grantor || grantor.tenantId !== tenant.id || grantor.status !== 'ACTIVE') throw new ForbiddenError();
    const now = this.now();
    const { email, scopes, validFrom, validUntil } = checkGrant(input, grantor, now);
    const open = await this.docs.countDocuments({ tenantId: tenant.id, grantorAccountId: grantor.id, revokedAt: null });
    if (open >= MAX_OPEN_GRANTS)
      throw new BadUserInputError(`A company can have at most ${MAX_OPEN_GRANTS} open grants; end one first.`);

    const grantee = await this.deps.accounts.findByEmail(tenant.id, email);
    const bindNow = grantee !== null && grantee.status === 'ACTIVE';
    const doc: DelegationDocument = {
      _id: randomUUID(),
      tenantId: tenant.id,
      grantorAccountId: grantor.id,
      grantorClientId: grantor.clientId,
      granteeEmail: email,
      granteeAccountId: bindNow ? grantee.id : null,
      scopes,
      validFrom,
      validUntil,
      createdAt: now,
      activatedAt: bindNow ? now : null,
      revokedAt: null,
      revokedBy: null,
    };
    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'delegation.granted',
        principal,
        target: { type: 'delegation', id: doc._id },
        details: {
          onBehalfOf: { clientId: grantor.clientId, accountId: grantor.id },
          scopes,
          validFrom: validFrom.toISOString(),
          validUntil: validUntil?.toISOString() ?? null,
          granteeHasAccount: bindNow,
        },
        client: meta,
      },
      () => this.docs.insertOne(doc),
      { logger: this.deps.logger },
    );
    if (bindNow) await this.recordActivation(doc, grantee, meta);
    await this.deps.notify?.(tenant, doc, grantee, meta);
    return viewOf(doc, now);
  }

  /** Either side may end a grant; anyone else (or another tenant) gets NOT_FOUND. */
  async revoke(tenant: Tenant, principal: CustomerPrincipal, id: string, meta: RequestMeta): Promise<DelegationView> {
    const doc = await this.docs.findOne({ _id: id });
    const mine =
      doc &&
      doc.tenantId === tenant.id &&
      (doc.grantorAccountId === principal.accountId || doc.granteeAccountId === principal.accountId);
    if (!doc || !mine) throw new NotFoundError('The delegation');
    if (doc.revokedAt) return viewOf(doc, this.now());
    const now = this.now();
    const by = `account:${principal.accountId}`;
    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'delegation.revoked',
        principal,
        target: { type: 'delegation', id: doc._id },
        details: {
          onBehalfOf: { clientId: doc.grantorClientId, accountId: doc.grantorAccountId },
          by: doc.grantorAccountId === principal.accountId ? 'grantor' : 'grantee',
        },
        client: meta,
      },
      () => this.docs.updateOne({ _id: doc._id }, { $set: { revokedAt: now, revokedBy: by } }),
      { logger: this.deps.logger },
    );
    return viewOf({ ...doc, revokedAt: now, revokedBy: by }, now);
  }

  /** What the account granted, newest first (ended ones too: both sides keep seeing the history). */
  async granted(principal: Pick<CustomerPrincipal, 'tenantId' | 'accountId'>): Promise<DelegationView[]> {
    const docs = await this.docs
      .find({ tenantId: principal.tenantId, grantorAccountId: principal.accountId }, { sort: { createdAt: -1 } })
      .toArray();
    const now = this.now();
    return docs.map((doc) => viewOf(doc, now));
  }

  /** What was granted to the account, newest first. */
  async received(principal: Pick<CustomerPrincipal, 'tenantId' | 'accountId'>): Promise<DelegationView[]> {
    const docs = await this.docs
      .find({ tenantId: principal.tenantId, granteeAccountId: principal.accountId }, { sort: { createdAt: -1 } })
      .toArray();
    const now = this.now();
    return docs.map((doc) => viewOf(doc, now));
  }

  /**
   * The company context a grantee may act in now, or null when the grant cannot be used (not
   * theirs, another tenant, revoked, before validFrom or after validUntil, or the grantor no
   * longer an ACTIVE B2B account of that company).
   */
  async contextFor(tenantId: string, granteeAccountId: string, delegationId: string): Promise<ActingFor | null> {
    if (typeof delegationId !== 'string' || delegationId.length > 100) return null;
    const doc = await this.docs.findOne({ _id: delegationId });
    if (!doc || doc.tenantId !== tenantId || doc.granteeAccountId !== granteeAccountId) return null;
    if (!isLive(doc, this.now())) return null;
    const grantor = await this.deps.accounts.findById(doc.grantorAccountId);
    if (
      !grantor ||
      grantor.tenantId !== tenantId ||
      grantor.status !== 'ACTIVE' ||
      grantor.type !== 'B2B' ||
      grantor.clientId !== doc.grantorClientId
    )
      return null;
    return {
      delegationId: doc._id,
      grantorAccountId: doc.grantorAccountId,
      clientId: doc.grantorClientId,
      scopes: dataScopesOf(doc.scopes),
    };
  }

  /**
   * Binds the grants waiting for this account's address (called when an account is activated).
   * Each binds once: the update only matches a grant that is still unbound.
   */
  async bindPending(account: Account, meta: RequestMeta): Promise<number> {
    const waiting = await this.docs
      .find({ tenantId: account.tenantId, granteeEmail: account.email, granteeAccountId: null, revokedAt: null })
      .toArray();
    let bound = 0;
    for (const doc of waiting) {
      if (doc.grantorAccountId === account.id) continue;
      const now = this.now();
      const result = await this.docs.updateOne(
        { _id: doc._id, granteeAccountId: null },
        { $set: { granteeAccountId: account.id, activatedAt: now } },
      );
      if (result.matchedCount !== 1) continue;
      await this.recordActivation({ ...doc, granteeAccountId: account.id }, account, meta);
      bound++;
    }
    return bound;
  }

  /** For the data export (Art. 15) of either person: every grant they gave or received. */
  async forExport(account: Pick<Account, 'id' | 'tenantId'>): Promise<{ granted: DelegationView[]; received: DelegationView[] }> {
    const principal = { tenantId: account.tenantId, accountId: account.id };
    const [granted, received] = await Promise.all([this.granted(principal), this.received(principal)]);
    return { granted, received };
  }

  private async recordActivation(doc: DelegationDocument, grantee: Account, meta: RequestMeta): Promise<void> {
    await this.deps.audit
      .append({
        tenantId: doc.tenantId,
        type: 'delegation.activated',
        accountId: grantee.id,
        actor: `account:${grantee.id}`,
        target: { type: 'delegation', id: doc._id },
        details: { onBehalfOf: { clientId: doc.grantorClientId, accountId: doc.grantorAccountId }, scopes: doc.scopes },
        client: meta,
      })
      .catch((error: unknown) =>
        this.deps.logger?.error({ err: error, delegation: doc._id }, 'audit: could not record a delegation activation'),
      );
  }
}

function checkGrant(
  input: GrantInput,
  grantor: Account,
  now: Date,
): { email: string; scopes: DelegationScope[]; validFrom: Date; validUntil: Date | null } {
  const email = normaliseEmail(input.granteeEmail ?? '');
  const problems: InputProblem[] = [];
  if (!isPlausibleEmail(email)) problems.push(inputProblem('granteeEmail', 'EMAIL_INVALID', 'Enter a valid email address.'));
  else if (email === grantor.email)
    problems.push(inputProblem('granteeEmail', 'DELEGATION_TO_SELF', 'You cannot grant access to yourself.'));
  const validFrom = input.validFrom ?? now;
  const validUntil = input.validUntil ?? null;
  if (Number.isNaN(validFrom.getTime())) problems.push(inputProblem('validFrom', 'DATE_INVALID', 'Enter a valid date.'));
  if (validUntil && Number.isNaN(validUntil.getTime()))
    problems.push(inputProblem('validUntil', 'DATE_INVALID', 'Enter a valid date.'));
  else if (validUntil && validUntil <= now)
    problems.push(inputProblem('validUntil', 'DATE_IN_PAST', 'The end date must lie in the future.'));
  else if (validUntil && validUntil <= validFrom)
    problems.push(inputProblem('validUntil', 'RANGE_END_BEFORE_START', 'The end date must come after the start date.'));
  if (problems.length) throw new BadUserInputError(problems.map((p) => p.message).join(' '), problems);
  return { email, scopes: parseDelegationScopes(input.scopes ?? []), validFrom, validUntil };
}

export function viewOf(doc: DelegationDocument, now: Date): DelegationView {
  return {
    id: doc._id,
    grantorAccountId: doc.grantorAccountId,
    grantorClientId: doc.grantorClientId,
    granteeEmail: doc.granteeEmail,
    granteeBound: doc.granteeAccountId !== null,
    scopes: doc.scopes,
    validFrom: doc.validFrom,
    validUntil: doc.validUntil ?? null,
    createdAt: doc.createdAt,
    activatedAt: doc.activatedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
    status: delegationStatusOf(doc, now),
  };
}
