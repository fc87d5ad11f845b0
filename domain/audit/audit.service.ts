import type { Connection } from 'mongoose';
import { deriveKey, keyedHash } from '../../core/crypto.js';
import { UnauthenticatedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import { accountIdOf, actorOf, type Principal } from '../principal.js';
import { ChainWriter, type ChainWriterOptions, type UnchainedEvent } from './audit.chain-writer.js';
import { pageSizeOf } from './audit.filter.js';
import { publicIdOf, seqOfCursor } from './audit.ids.js';
import { AuditLeaseStore, WriterTurns, type WriterTurnOptions } from './audit.lease.js';
import { auditWriteMetrics, noAuditWriteMetrics } from './audit.metrics.js';
import type { AuditEventDocument } from './audit.model.js';
import { AuditRepository } from './audit.repository.js';
import { sanitizeDetails } from './audit.sanitize.js';
import { verifyAuditChain } from './audit.verify.js';
import {
  isAuditEventType,
  isAuditOutcome,
  type AuditEvent,
  type AuditEventFilter,
  type AuditEventInput,
  type AuditEventPage,
  type AuditPageRequest,
  type AuditTrailVerification,
} from './audit.types.js';

export interface AuditServiceOptions {
  connection: Connection;
  /** Key of the IP and user-agent hashes; use auditClientHashKey(PORTAL_SECRET_KEY). */
  clientHashKey: Buffer;
  logger?: Logger;
  now?: () => Date;
  writer?: ChainWriterOptions;
  /** The keyed address fingerprint accounts use (emailFingerprint); without it subject emails are dropped. */
  subjectFingerprint?: (tenantId: string, email: string) => string;
  /**
   * Turn-taking with writers on other replicas (audit.lease.ts): lease TTL, the bounded wait before
   * AuditBusyError (HTTP 503), polling. `false` turns it off (writers then only race).
   */
  turns?: WriterTurnOptions | false;
  /** The process's registry: collisions, waits and takeovers appear on `/metrics`. */
  metrics?: Pick<Metrics, 'registry'>;
}

/** The sub-key for hashing client IPs and user agents. */
export const auditClientHashKey = (secret: string | Buffer): Buffer => deriveKey(secret, 'audit-client-hash');

/**
 * The audit trail of every tenant: the only writer of audit events, and the way to read, stream
 * and verify them. Filters passed in must come from parseAuditFilter.
 */
export class AuditService {
  readonly repository: AuditRepository;
  private readonly writer: ChainWriter;
  private readonly now: () => Date;

  constructor(private readonly options: AuditServiceOptions) {
    this.repository = new AuditRepository(options.connection);
    const metrics = options.metrics ? auditWriteMetrics(options.metrics.registry) : noAuditWriteMetrics;
    const turns =
      options.turns === false ? null : new WriterTurns(new AuditLeaseStore(options.connection), options.turns, metrics);
    this.writer = new ChainWriter(this.repository, options.writer, turns, metrics);
    this.now = options.now ?? (() => new Date());
  }

  /** The keyed fingerprint events about `email` carry (null when this service stores none). */
  subjectHashOf(tenantId: string, email: string): string | null {
    return subjectHashOf(tenantId, email, this.options.subjectFingerprint);
  }

  /** How often an append collided with another process and retried (a metric, not an error). */
  get appendCollisions(): number {
    return this.writer.collisions;
  }

  /** How often appends waited for another process's turn on a chain (a metric, not an error). */
  get appendWaits(): number {
    return this.writer.waits;
  }

  /** Appends one event; resolves once it is stored and chained, rejects if it is not. */
  async append(input: AuditEventInput): Promise<AuditEvent> {
    return toAuditEvent(await this.writer.append(this.prepare(input)));
  }

  async list(tenantId: string, filter: AuditEventFilter, page: AuditPageRequest = {}): Promise<AuditEventPage> {
    const size = pageSizeOf(page.first);
    const beforeSeq = page.after ? seqOfCursor(tenantId, page.after) : null;
    const [docs, totalCount] = await Promise.all([
      this.repository.findPage(tenantId, filter, beforeSeq, size + 1),
      page.includeTotal === false ? null : this.repository.count(tenantId, filter),
    ]);
    const events = docs.slice(0, size).map(toAuditEvent);
    const hasNextPage = docs.length > size;
    return { events, hasNextPage, nextCursor: hasNextPage ? events[events.length - 1]!.id : null, totalCount };
  }

  /** The signed-in customer's (or partner token's, or staff member's) own events. */
  async listOwn(principal: Principal, page: AuditPageRequest = {}): Promise<AuditEventPage> {
    if (principal.kind === 'anonymous') throw new UnauthenticatedError();
    const accountId = accountIdOf(principal);
    const filter: AuditEventFilter = accountId ? { accountId } : { actor: actorOf(principal)! };
    return this.list(principal.tenantId, filter, page);
  }

  count(tenantId: string, filter: AuditEventFilter): Promise<number> {
    return this.repository.count(tenantId, filter);
  }

  /** The selection oldest first, read in batches of `batchSize` (default 1000). */
  async *stream(
    tenantId: string,
    filter: AuditEventFilter,
    options: { batchSize?: number; afterSeq?: number; untilSeq?: number } = {},
  ): AsyncGenerator<AuditEvent> {
    const scan = this.repository.scan(tenantId, filter, { ...options, batchSize: options.batchSize ?? 1000 });
    let previous = 0;
    for await (const doc of scan) {
      // Guards the insertion-order read on FerretDB (see AuditRepository.scan): never emit out of order.
      if (doc.seq <= previous) throw new AuditOrderError(tenantId, previous, doc.seq);
      previous = doc.seq;
      yield toAuditEvent(doc);
    }
  }

  verify(tenantId: string): Promise<AuditTrailVerification> {
    return verifyAuditChain(this.repository, tenantId);
  }

  private prepare(input: AuditEventInput): UnchainedEvent {
    // Programming errors, not user input: they surface as masked internal errors.
    if (typeof input.tenantId !== 'string' || !input.tenantId || input.tenantId.length > 200) {
      throw new TypeError('audit: a tenant id is required');
    }
    if (!isAuditEventType(input.type)) throw new TypeError(`audit: unknown event type "${String(input.type)}"`);
    const outcome = input.outcome ?? 'success';
    if (!isAuditOutcome(outcome)) throw new TypeError(`audit: unknown outcome "${String(outcome)}"`);
    const principal = input.principal;
    if (principal && principal.kind !== 'anonymous' && principal.tenantId !== input.tenantId) {
      throw new TypeError('audit: the principal belongs to another tenant');
    }

    const { details, removed } = sanitizeDetails(input.details);
    if (removed.length) {
      this.options.logger?.warn(
        { tenantId: input.tenantId, type: input.type, removed },
        'audit details: sensitive or invalid keys dropped',
      );
    }
    const ip = normalizeIp(input.client?.ip);
    const userAgent = input.client?.userAgent?.trim();
    const key = this.options.clientHashKey;
    return {
      tenantId: input.tenantId,
      occurredAt: this.now(),
      type: input.type,
      outcome,
      accountId: input.accountId !== undefined ? input.accountId : principal ? accountIdOf(principal) : null,
      actor: input.actor !== undefined ? input.actor : principal ? actorOf(principal) : null,
      targetType: input.target ? String(input.target.type).slice(0, 100) : null,
      targetId: input.target ? String(input.target.id).slice(0, 200) : null,
      details,
      ipHash: ip ? keyedHash(key, `ip:${ip}`) : null,
      userAgentHash: userAgent ? keyedHash(key, `ua:${userAgent}`) : null,
      ...optional('subjectHash', subjectHashOf(input.tenantId, input.subjectEmail, this.options.subjectFingerprint)),
    };
  }
}

export class AuditOrderError extends Error {
  constructor(tenantId: string, previous: number, found: number) {
    super(`Audit events of tenant ${tenantId} are stored out of order (seq ${found} after ${previous}); run audit verify.`);
    this.name = 'AuditOrderError';
  }
}

function subjectHashOf(
  tenantId: string,
  email: string | null | undefined,
  fingerprint: AuditServiceOptions['subjectFingerprint'],
): string | null {
  const trimmed = email?.trim();
  return trimmed && fingerprint ? fingerprint(tenantId, trimmed) : null;
}

/** Only events about an address carry the field, so every other event is stored as before. */
function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** One address, one hash: `::ffff:192.0.2.1` and `192.0.2.1` are the same client. */
function normalizeIp(ip: string | null | undefined): string | null {
  const trimmed = ip?.trim().toLowerCase();
  if (!trimmed) return null;
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

export function toAuditEvent(doc: AuditEventDocument): AuditEvent {
  return {
    id: publicIdOf(doc._id),
    tenantId: doc.tenantId,
    seq: doc.seq,
    occurredAt: doc.occurredAt,
    type: doc.type,
    outcome: doc.outcome,
    accountId: doc.accountId ?? null,
    actor: doc.actor ?? null,
    targetType: doc.targetType ?? null,
    targetId: doc.targetId ?? null,
    details: doc.details ?? {},
    ipHash: doc.ipHash ?? null,
    userAgentHash: doc.userAgentHash ?? null,
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}
