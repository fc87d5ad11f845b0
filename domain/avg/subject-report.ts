import { BadUserInputError } from '../../core/errors.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { normaliseEmail, type Account } from '../accounts/account.types.js';
import type { AuditEvent, AuditEventPage, AuditPageRequest, AuditService } from '../audit/index.js';
import type { Principal } from '../principal.js';
import { isPseudonymised } from './account-state.js';
import type { CleanupAccountResult, RetentionService } from './retention.service.js';

/**
 * The DPO's subject report (issue 14 item 11): "what does the portal hold about this person",
 * asked with the address the person wrote in, not an account id. Accounts are found by their
 * address while they hold one, and by the keyed fingerprint of it once closed or pseudonymised
 * (account-minimisation.ts); events by those accounts' ids and by the same fingerprint on events
 * about an address that named no account (a sign-in with an unknown address). The trail never
 * stores the address itself. Exports and closure are read from the trail, which records each step
 * of them; retention is the cleanup's own decision, asked for these accounts only.
 */

export type SubjectMatch = 'EMAIL' | 'EMAIL_FINGERPRINT';

export interface SubjectExport {
  id: string;
  requestedAt: Date;
  readyAt: Date | null;
  downloads: number;
  lastDownloadedAt: Date | null;
}

export interface SubjectAccount {
  account: Account;
  matchedBy: SubjectMatch;
  pseudonymised: boolean;
  closureRequestedAt: Date | null;
  closedAt: Date | null;
  pseudonymisedAt: Date | null;
  exports: SubjectExport[];
  /** The cleanup's decision for a closed account not yet pseudonymised; null otherwise. */
  retention: CleanupAccountResult | null;
}

export interface SubjectReport {
  tenantId: string;
  accounts: SubjectAccount[];
  /** Every event about the person (their accounts' and the address's own), newest first, paged. */
  events: AuditEventPage;
}

export interface SubjectReportDeps {
  accounts: Pick<AccountRepository, 'findByEmail' | 'findByEmailHash'>;
  audit: Pick<AuditService, 'list' | 'stream' | 'subjectHashOf'>;
  retention: Pick<RetentionService, 'run'>;
}

/** A person's address, as every other lookup normalises it; anything that is no address is refused. */
function subjectEmailOf(input: string): string {
  const email = normaliseEmail(input ?? '');
  if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new BadUserInputError('Enter the email address the person used.');
  }
  return email;
}

export async function subjectReport(
  deps: SubjectReportDeps,
  tenantId: string,
  emailInput: string,
  page: AuditPageRequest,
  principal: Principal,
): Promise<SubjectReport> {
  const email = subjectEmailOf(emailInput);
  const subjectHash = deps.audit.subjectHashOf(tenantId, email);
  if (!subjectHash) throw new Error('subject report: the audit service has no subject fingerprint');
  const [current, former] = await Promise.all([
    deps.accounts.findByEmail(tenantId, email),
    deps.accounts.findByEmailHash(tenantId, subjectHash),
  ]);
  const found: Array<{ account: Account; matchedBy: SubjectMatch }> = [
    ...(current ? [{ account: current, matchedBy: 'EMAIL' as const }] : []),
    ...former.filter((a) => a.id !== current?.id).map((account) => ({ account, matchedBy: 'EMAIL_FINGERPRINT' as const })),
  ];
  const filter = { subject: { accountIds: found.map((f) => f.account.id), subjectHash } };
  const [events, lifecycle, retention] = await Promise.all([
    deps.audit.list(tenantId, filter, page),
    lifecycleOf(deps.audit.stream(tenantId, filter)),
    retentionOf(
      deps,
      tenantId,
      found.map((f) => f.account),
      principal,
    ),
  ]);
  return {
    tenantId,
    accounts: found.map(({ account, matchedBy }) => {
      const steps = lifecycle.get(account.id);
      return {
        account,
        matchedBy,
        pseudonymised: isPseudonymised(account),
        closureRequestedAt: steps?.closureRequestedAt ?? null,
        closedAt: steps?.closedAt ?? null,
        pseudonymisedAt: steps?.pseudonymisedAt ?? null,
        exports: [...(steps?.exports.values() ?? [])],
        retention: retention.get(account.id) ?? null,
      };
    }),
    events,
  };
}

interface Lifecycle {
  closureRequestedAt: Date | null;
  closedAt: Date | null;
  pseudonymisedAt: Date | null;
  exports: Map<string, SubjectExport>;
}

/** One pass over the person's events: the steps of their exports and of their closure, per account. */
async function lifecycleOf(events: AsyncIterable<AuditEvent>): Promise<Map<string, Lifecycle>> {
  const byAccount = new Map<string, Lifecycle>();
  for await (const event of events) {
    if (!event.accountId || event.outcome !== 'success') continue;
    let steps = byAccount.get(event.accountId);
    if (!steps) {
      steps = { closureRequestedAt: null, closedAt: null, pseudonymisedAt: null, exports: new Map() };
      byAccount.set(event.accountId, steps);
    }
    if (event.type === 'account.closure-requested') steps.closureRequestedAt = event.occurredAt;
    else if (event.type === 'account.closed') steps.closedAt = event.occurredAt;
    else if (event.type === 'account.status-changed' && event.details.to === 'CLOSED') steps.closedAt ??= event.occurredAt;
    else if (event.type === 'account.pseudonymised') steps.pseudonymisedAt = event.occurredAt;
    else if (event.targetType === 'data-export' && event.targetId) {
      const id = event.targetId;
      const entry = steps.exports.get(id) ?? {
        id,
        requestedAt: event.occurredAt,
        readyAt: null,
        downloads: 0,
        lastDownloadedAt: null,
      };
      if (event.type === 'export.ready') entry.readyAt = event.occurredAt;
      if (event.type === 'export.downloaded') {
        entry.downloads++;
        entry.lastDownloadedAt = event.occurredAt;
      }
      steps.exports.set(id, entry);
    }
  }
  return byAccount;
}

/** The cleanup's dry run for the person's closed accounts only (nothing else is read from Nextcloud). */
async function retentionOf(
  deps: SubjectReportDeps,
  tenantId: string,
  accounts: Account[],
  principal: Principal,
): Promise<Map<string, CleanupAccountResult>> {
  const closed = accounts.filter((a) => a.status === 'CLOSED' && !isPseudonymised(a)).map((a) => a.id);
  if (closed.length === 0) return new Map();
  const report = await deps.retention.run(tenantId, { dryRun: true, accountIds: closed, principal });
  return new Map(report.accounts.map((result) => [result.accountId, result]));
}
