import { Counter, Histogram, type Registry } from 'prom-client';

/** What the chain writer reports about competing with other writers (other replicas). */
export interface AuditWriteMetrics {
  /** An insert lost the race for a seq to another writer. */
  collision(): void;
  /** An append waited for another writer's turn to end; `seconds` is how long. */
  waited(seconds: number): void;
  /** An abandoned lease or queue place (its holder stopped without letting go) was taken over. */
  takeover(): void;
  /** Appends refused with AuditBusyError (HTTP 503). */
  busy(count: number): void;
}

export const noAuditWriteMetrics: AuditWriteMetrics = {
  collision: () => {},
  waited: () => {},
  takeover: () => {},
  busy: () => {},
};

/** Registered once per registry; a second AuditService on the same registry shares the series. */
function once<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/** The audit writer's series on the process's `/metrics` registry (no labels: nothing per tenant or user). */
export function auditWriteMetrics(registry: Registry): AuditWriteMetrics {
  const registers = [registry];
  const collisions = once(
    registry,
    'portal_audit_write_collisions_total',
    () =>
      new Counter({
        name: 'portal_audit_write_collisions_total',
        help: 'Audit inserts that lost the race for a seq to another writer and were re-chained',
        registers,
      }),
  );
  const waits = once(
    registry,
    'portal_audit_write_waits_total',
    () =>
      new Counter({
        name: 'portal_audit_write_waits_total',
        help: "Audit writes that waited for another writer's turn on the same tenant's chain",
        registers,
      }),
  );
  const waitSeconds = once(
    registry,
    'portal_audit_write_wait_seconds',
    () =>
      new Histogram({
        name: 'portal_audit_write_wait_seconds',
        help: "Time an audit write waited for another writer's turn",
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers,
      }),
  );
  const takeovers = once(
    registry,
    'portal_audit_lease_takeovers_total',
    () =>
      new Counter({
        name: 'portal_audit_lease_takeovers_total',
        help: 'Audit writer leases (or queue places) taken over after their holder stopped renewing them',
        registers,
      }),
  );
  const busy = once(
    registry,
    'portal_audit_write_busy_total',
    () =>
      new Counter({
        name: 'portal_audit_write_busy_total',
        help: 'Audit appends refused as busy (HTTP 503) after the bounded wait',
        registers,
      }),
  );
  return {
    collision: () => collisions.inc(),
    waited: (seconds) => {
      waits.inc();
      waitSeconds.observe(seconds);
    },
    takeover: () => takeovers.inc(),
    busy: (count) => busy.inc(count),
  };
}
