import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { RequestCountStore } from '../domain/rate-limit/request-counts.js';
import type { OtherProcessCounts } from './request-rate-limit.js';

export const DEFAULT_REQUEST_COUNT_SYNC_MS = 1_000;

/**
 * Keeps the request ceiling's view of the other replicas: about once a second it publishes what
 * this process counted since the last sync and reads what the others counted in the current and
 * previous window. Requests never wait for the database; while it is away the last known counts
 * (and this process's own) still apply.
 */
export class SharedRequestCounts implements OtherProcessCounts {
  private others = new Map<string, number>();
  private pending = new Map<string, { key: string; window: number; count: number }>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | null = null;
  private lastPurgedWindow = 0;
  private failing = false;
  private readonly process: string;

  constructor(
    private readonly store: RequestCountStore,
    private readonly windowMs: number,
    private readonly options: { logger: Logger; syncMs?: number; process?: string; now?: () => number },
  ) {
    this.process = options.process ?? randomUUID();
  }

  of(key: string, start: number): number {
    return this.others.get(`${start}|${key}`) ?? 0;
  }

  counted(key: string, start: number, count: number): void {
    this.pending.set(`${start}|${key}`, { key, window: start, count });
  }

  start(): void {
    this.timer = setInterval(() => void this.sync(), this.options.syncMs ?? DEFAULT_REQUEST_COUNT_SYNC_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing;
  }

  /** One exchange with the database; overlapping calls share the running one. */
  sync(): Promise<void> {
    this.syncing ??= this.exchange().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async exchange(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const start = now - (now % this.windowMs);
    const outgoing = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.store.publish(this.process, outgoing);
      const counts = await this.store.othersSince(this.process, start - this.windowMs);
      const others = new Map<string, number>();
      for (const { key, window, count } of counts) others.set(`${window}|${key}`, (others.get(`${window}|${key}`) ?? 0) + count);
      this.others = others;
      if (this.lastPurgedWindow !== start) {
        this.lastPurgedWindow = start;
        await this.store.purgeBefore(start - this.windowMs);
      }
      this.failing = false;
    } catch (error) {
      // Counts not published yet go out with the next sync, unless a newer count replaced them.
      for (const count of outgoing) {
        const id = `${count.window}|${count.key}`;
        if (!this.pending.has(id)) this.pending.set(id, count);
      }
      if (!this.failing) this.options.logger.warn({ err: error }, 'request counts could not be shared through the database');
      this.failing = true;
    }
  }
}
