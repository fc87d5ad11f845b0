import { ServiceUnavailableError } from '../../core/errors.js';

/**
 * The audit trail could not take an event in time because other writers (other replicas) kept it
 * busy. Retryable: the gateway answers HTTP 503 SERVICE_UNAVAILABLE with Retry-After, and because
 * audited actions write their event first (audited.ts), the action itself did not happen.
 */
export class AuditBusyError extends ServiceUnavailableError {
  constructor(tenantId: string, retryAfterSeconds: number, reason: string) {
    super(retryAfterSeconds, 'The portal is busy recording activity. Please try again in a moment.');
    this.name = 'AuditBusyError';
    this.detail = `audit trail of tenant ${tenantId}: ${reason}`;
  }

  /** For logs and tests; never shown to clients (only the code and retryAfter are). */
  readonly detail: string;
}

/** Too many inserts in a row lost to other writers, even while holding the writer turn. */
export class AuditWriteConflictError extends AuditBusyError {
  constructor(tenantId: string, attempts: number, retryAfterSeconds = 1) {
    super(tenantId, retryAfterSeconds, `${attempts} attempts in a row collided with other writers`);
    this.name = 'AuditWriteConflictError';
  }
}
