import { isPortalError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AuditEvent, AuditEventInput } from './audit.types.js';

/** What the helpers need of the audit service (so tests can pass a failing one). */
export interface AuditWriter {
  append(input: AuditEventInput): Promise<AuditEvent>;
}

/**
 * Runs a sensitive action so that it and its audit event succeed together or not at all.
 *
 * Neither engine gives us a transaction spanning the audit store and the action (FerretDB has no
 * transactions; most actions also touch Nextcloud or send mail). So the order does the work:
 *
 * 1. The caller validates and prepares everything first, without side effects, so that the
 *    action is unlikely to fail once started.
 * 2. The audit event is written FIRST, with outcome `success`. If that write fails we throw and the
 *    action never runs: no action without its record.
 * 3. The action runs. If it then fails, a compensating event (same type, outcome `error`,
 *    `details.relatedSeq` pointing at the first) is appended, best effort, and the action's error
 *    is rethrown. A reader therefore never mistakes a failed action for a done one, as long as the
 *    audit store is reachable; if it is not, the stale `success` is the lesser evil (a record of
 *    an attempt that did not happen, never a change that left no trace).
 *
 * The action receives the stored event, e.g. to mention its id.
 */
export async function audited<T>(
  audit: AuditWriter,
  event: AuditEventInput,
  action: (recorded: AuditEvent) => Promise<T>,
  options: { logger?: Logger } = {},
): Promise<T> {
  const recorded = await audit.append({ ...event, outcome: 'success' });
  try {
    return await action(recorded);
  } catch (error) {
    const reason = isPortalError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
    await audit
      .append({ ...event, outcome: 'error', details: { ...event.details, relatedSeq: recorded.seq, reason } })
      .catch((auditError: unknown) =>
        options.logger?.error(
          { err: auditError, tenantId: event.tenantId, type: event.type, relatedSeq: recorded.seq },
          'audit: could not record that an audited action failed',
        ),
      );
    throw error;
  }
}

/**
 * Records a refused attempt (wrong password, missing permission, …). A failure to record it
 * propagates: a refusal that cannot be audited is reported as an error, not silently dropped.
 */
export function recordDenied(audit: AuditWriter, event: AuditEventInput): Promise<AuditEvent> {
  return audit.append({ ...event, outcome: 'denied' });
}
