import { BadUserInputError, isPortalError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { AccountDocument } from '../accounts/account.model.js';
import { toAccount, type AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { audited, type AuditEventInput, type AuditWriter } from '../audit/index.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import type { Principal } from '../principal.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { RetentionBasis } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { isPseudonymised } from './account-state.js';
import type { Pseudonymiser } from './pseudonymiser.js';
import { recordsWithDocuments, type KeptRecord } from './kept-records.js';
import { pseudonymisePortalText, type PortalTextResult } from './portal-text.js';
import { listAll, mergeById, readPersonRecords, retentionFactsOf, type PersonRecords } from './retention-facts.js';
import { decideRetention } from './retention-policy.js';

export type CleanupOutcome = 'PSEUDONYMISED' | 'WOULD_PSEUDONYMISE' | 'HELD' | 'FAILED';

export interface CleanupAccountResult {
  accountId: string;
  outcome: CleanupOutcome;
  /** When the fiscal retention period ends (under the report's basis), when the client has fiscal records. */
  heldUntil: Date | null;
  /** Why the account is kept (fiscal-retention, open-invoices, …) or why it failed (an error code). */
  reasons: string[];
  /** Once free: the request texts and reply notes the portal wrote for the person, replaced (or to be). */
  portalText?: PortalTextResult;
  /**
   * Once free: the person's records that carry documents (files), which stay as they are —
   * "kept by the administration" (KEPT_BY_ADMINISTRATION), for the DPO to know where they are.
   */
  keptByAdministration?: KeptRecord[];
}

export interface CleanupReport {
  tenantId: string;
  dryRun: boolean;
  ranAt: Date;
  /** The moment the decisions were made for: ranAt, or the date a dry run was asked about. */
  asOf: Date;
  /** Where the 7 years were counted from (the tenant's setting). */
  retentionBasis: RetentionBasis;
  /** Closed accounts still holding personal data, i.e. the ones looked at. */
  checked: number;
  pseudonymised: number;
  held: number;
  failed: number;
  alreadyPseudonymised: number;
  /** False when the tenant's Nextcloud could not be reached; nothing was changed then. */
  nextcloudReachable: boolean;
  accounts: CleanupAccountResult[];
}

interface PseudonymisationPlan {
  requests: NcObject[];
  personName: string | null;
  portalText: PortalTextResult;
  kept: KeptRecord[];
}

/** Who runs the cleanup, for the audit trail. */
export type CleanupActor = { principal: Principal } | { actor: string };

/**
 * How to run: `asOf` asks what would happen at another moment ("when will X be pseudonymised"),
 * so it only goes with a dry run — nothing may be pseudonymised on a date that has not come.
 */
export type CleanupOptions = {
  dryRun: boolean;
  asOf?: Date | null;
  /** Only these accounts (the DPO's subject report asks about one person's); all closed ones when unset. */
  accountIds?: readonly string[];
} & CleanupActor;

export interface RetentionServiceDeps {
  accounts: AccountRepository;
  tenants: { get(id: string): Tenant | undefined; list(): Tenant[] };
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: AuditWriter;
  pseudonymiser: Pseudonymiser;
  /** Deletes the account's data exports (files included) and its other leftovers in the portal store. */
  deleteExports: (tenantId: string, accountId: string) => Promise<void>;
  logger?: Logger;
  now: () => Date;
}

/**
 * The retention cleanup (nightly job, `portal cleanup`, `runRetentionCleanup`): every CLOSED
 * account whose person is no longer needed — 7 years after the client's newest fiscal record, and
 * no open invoice, active contract or open request — is pseudonymised in Nextcloud and in the
 * portal store, audited `account.pseudonymised`. Accounts done before are skipped, so running it
 * twice changes nothing; a dry run only reports.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionServiceDeps) {}

  async runAll(options: CleanupOptions): Promise<CleanupReport[]> {
    const reports: CleanupReport[] = [];
    for (const tenant of this.deps.tenants.list()) reports.push(await this.run(tenant.id, options));
    return reports;
  }

  async run(tenantId: string, options: CleanupOptions): Promise<CleanupReport> {
    const asOf = options.asOf ?? null;
    if (asOf && !options.dryRun) throw new BadUserInputError('asOf (another date) only goes with a dry run.');
    if (asOf && Number.isNaN(asOf.getTime())) throw new BadUserInputError('asOf is not a valid date.');
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('The tenant');
    const ranAt = this.deps.now();
    const now = asOf ?? ranAt;
    const rule = { basis: tenant.portal.retentionBasis, timeZone: tenant.timeZone };
    const only = options.accountIds ? new Set(options.accountIds) : null;
    const closed = (await this.closedAccounts(tenant.id)).filter((account) => !only || only.has(account.id));
    const candidates = closed.filter((account) => !isPseudonymised(account));
    const report: CleanupReport = {
      tenantId: tenant.id,
      dryRun: options.dryRun,
      ranAt,
      asOf: now,
      retentionBasis: rule.basis,
      checked: candidates.length,
      pseudonymised: 0,
      held: 0,
      failed: 0,
      alreadyPseudonymised: closed.length - candidates.length,
      nextcloudReachable: true,
      accounts: [],
    };
    if (candidates.length === 0) return report;

    const connector = this.deps.nextcloud.for(tenant.id);
    try {
      await connector.ping();
    } catch {
      report.nextcloudReachable = false;
      for (const account of candidates) report.accounts.push(this.failure(account, 'NEXTCLOUD_UNREACHABLE'));
      report.failed = candidates.length;
      return report;
    }
    const mapping = fieldMappingFor(tenant);
    for (const account of candidates) {
      let result: CleanupAccountResult;
      try {
        const party = { accountId: account.id, type: account.type, clientId: account.clientId, contactId: account.contactId };
        const records = await readPersonRecords(connector, mapping, party);
        const facts = retentionFactsOf(records, mapping, now);
        const decision = decideRetention(facts, now, rule);
        result = { accountId: account.id, outcome: 'HELD', heldUntil: decision.heldUntil, reasons: decision.reasons };
        if (decision.free) {
          const plan = await this.planPseudonymisation(tenant, account, records);
          result.outcome = options.dryRun ? 'WOULD_PSEUDONYMISE' : 'PSEUDONYMISED';
          result.portalText = plan.portalText;
          result.keptByAdministration = plan.kept;
          if (!options.dryRun)
            await this.pseudonymise(tenant, account, facts.latestFiscalRecordAt, decision.heldUntil, plan, options);
        }
      } catch (error) {
        this.deps.logger?.warn(
          { err: error, tenantId: tenant.id, accountId: account.id },
          'retention cleanup of an account failed',
        );
        result = this.failure(account, isPortalError(error) ? error.code : 'INTERNAL_ERROR');
      }
      report.accounts.push(result);
      if (result.outcome === 'PSEUDONYMISED') report.pseudonymised++;
      else if (result.outcome === 'HELD') report.held++;
      else if (result.outcome === 'FAILED') report.failed++;
    }
    return report;
  }

  /**
   * What pseudonymising will touch, read before anything changes (the audit event is written
   * first and names the counts): the requests to scan for the portal's text — the person's, and
   * for B2B the organisation's too, since an employee may reply on a colleague's request — the
   * person's name as Nextcloud has it now (older notes carry it as author), and the documents.
   */
  private async planPseudonymisation(tenant: Tenant, account: Account, records: PersonRecords): Promise<PseudonymisationPlan> {
    const connector = this.deps.nextcloud.for(tenant.id);
    const mapping = fieldMappingFor(tenant);
    const requests =
      account.type === 'B2B'
        ? mergeById([
            records.requests,
            await listAll(connector, mapping.request.resource, { [mapping.request.owner.client]: account.clientId }),
          ])
        : records.requests;
    const personName = await this.personName(tenant, account);
    const portalText = await pseudonymisePortalText(connector, mapping, account, requests, { apply: false, personName });
    return { requests, personName, portalText, kept: recordsWithDocuments(records) };
  }

  private async personName(tenant: Tenant, account: Account): Promise<string | null> {
    const connector = this.deps.nextcloud.for(tenant.id);
    const mapping = fieldMappingFor(tenant);
    const [resource, fields, id] = account.contactId
      ? [mapping.contact.resource, mapping.contact.name, account.contactId]
      : account.type === 'B2C'
        ? [mapping.client.resource, mapping.client.name, account.clientId]
        : [null, [], null];
    if (!resource || !id) return null;
    const row = await connector.getObject(resource, id);
    const name = row ? fields.map((field) => row[field]).find((value) => typeof value === 'string' && value.trim()) : null;
    return typeof name === 'string' ? name : null;
  }

  private async pseudonymise(
    tenant: Tenant,
    account: Account,
    latestFiscalRecordAt: Date | null,
    heldUntil: Date | null,
    plan: PseudonymisationPlan,
    by: CleanupActor,
  ): Promise<void> {
    const event: AuditEventInput = {
      tenantId: tenant.id,
      type: 'account.pseudonymised',
      ...('principal' in by ? { principal: by.principal } : { actor: by.actor }),
      accountId: account.id,
      target: { type: 'account', id: account.id },
      // Dates and record kinds only: the event itself must hold no personal data.
      details: {
        reason: 'retention-ended',
        latestFiscalRecordAt: latestFiscalRecordAt?.toISOString() ?? null,
        retentionEndedAt: heldUntil?.toISOString() ?? null,
        records: [...(account.contactId ? ['contact'] : []), ...(account.type === 'B2C' ? ['client'] : []), 'account'],
        portalText: plan.portalText,
        // How many; the report lists them (record ids only, like the rest of this event).
        keptByAdministration: plan.kept.length,
      },
    };
    await audited(
      this.deps.audit,
      event,
      async () => {
        const connector = this.deps.nextcloud.for(tenant.id);
        const mapping = fieldMappingFor(tenant);
        // The portal's text first: it is found by the person's name too, which the next step replaces.
        await pseudonymisePortalText(connector, mapping, account, plan.requests, { apply: true, personName: plan.personName });
        await this.deps.pseudonymiser.pseudonymiseNextcloud(connector, mapping, account);
        await this.deps.deleteExports(tenant.id, account.id);
        await this.deps.pseudonymiser.pseudonymiseAccount(account);
      },
      { logger: this.deps.logger },
    );
  }

  private failure(account: Account, reason: string): CleanupAccountResult {
    return { accountId: account.id, outcome: 'FAILED', heldUntil: null, reasons: [reason] };
  }

  private async closedAccounts(tenantId: string): Promise<Account[]> {
    const docs = await this.deps.accounts.accounts.collection
      .find<AccountDocument>({ tenantId, status: 'CLOSED' }, { sort: { createdAt: 1 } })
      .toArray();
    return docs.map(toAccount);
  }
}
