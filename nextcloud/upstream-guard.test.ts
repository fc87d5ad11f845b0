import { describe, expect, it } from 'vitest';
import { guardedReads, UpstreamBudgetExceededError, UpstreamBulkheads, RequestCancelledError } from './upstream-guard.js';

/** A call that stays open until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('upstream guard', () => {
  it('refuses the call that would go over the request budget, before it starts', async () => {
    const guard = new UpstreamBulkheads({ callsPerRequest: 3 }).forRequest('t', 'account:a');
    let started = 0;
    const call = () => guard.run(1, async () => void (started += 1));
    await call();
    await call();
    await call();
    await expect(call()).rejects.toBeInstanceOf(UpstreamBudgetExceededError);
    expect(started).toBe(3);
  });

  it('gives each request its own budget', async () => {
    const bulkheads = new UpstreamBulkheads({ callsPerRequest: 1 });
    await bulkheads.forRequest('t', 'account:a').run(1, async () => {});
    await expect(bulkheads.forRequest('t', 'account:a').run(1, async () => 'ok')).resolves.toBe('ok');
  });

  it('runs at most N calls of one principal at once, and lets another principal through meanwhile', async () => {
    const bulkheads = new UpstreamBulkheads({ callsPerRequest: 100, concurrentPerPrincipal: 2 });
    const greedy = bulkheads.forRequest('t', 'account:greedy');
    const g = gate();
    let running = 0;
    let peak = 0;
    const slow = () =>
      greedy.run(1, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await g.opened;
        running -= 1;
      });
    const burst = Array.from({ length: 10 }, slow);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bulkheads.load('t', 'account:greedy')).toEqual({ active: 2, waiting: 8 });

    // Another customer of the same tenant is not queued behind the burst.
    await expect(bulkheads.forRequest('t', 'account:other').run(1, async () => 'served')).resolves.toBe('served');

    g.open();
    await Promise.all(burst);
    expect(peak).toBe(2);
    expect(bulkheads.load('t', 'account:greedy')).toEqual({ active: 0, waiting: 0 });
  });

  it('tells a principal with too many waiting calls to slow down', async () => {
    const bulkheads = new UpstreamBulkheads({ callsPerRequest: 100, concurrentPerPrincipal: 1, queuedPerPrincipal: 1 });
    const guard = bulkheads.forRequest('t', 'ip:1');
    const g = gate();
    const first = guard.run(1, () => g.opened);
    const second = guard.run(1, async () => {});
    await expect(guard.run(1, async () => {})).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    g.open();
    await Promise.all([first, second]);
  });

  it('does not send queued calls of a request whose client went away', async () => {
    const bulkheads = new UpstreamBulkheads({ callsPerRequest: 100, concurrentPerPrincipal: 1 });
    const guard = bulkheads.forRequest('t', 'account:a');
    const g = gate();
    let sent = 0;
    const first = guard.run(1, async () => {
      sent += 1;
      await g.opened;
    });
    const queued = guard.run(1, async () => void (sent += 1));
    guard.cancel();
    g.open();
    await first;
    await expect(queued).rejects.toBeInstanceOf(RequestCancelledError);
    await expect(guard.run(1, async () => {})).rejects.toBeInstanceOf(RequestCancelledError);
    expect(sent).toBe(1);
    expect(bulkheads.load('t', 'account:a')).toEqual({ active: 0, waiting: 0 });
  });

  it('charges an `_ids` lookup one call per hundred ids, and leaves unguarded connectors alone', async () => {
    const connector = {
      listObjects: async () => ({ results: [], total: 0, page: 1, pages: 1, limit: 1 }),
      getObjectsByIds: async () => new Map(),
    };
    expect(guardedReads(connector, undefined)).toBe(connector);
    const guard = new UpstreamBulkheads({ callsPerRequest: 3 }).forRequest('t', 'account:a');
    const reads = guardedReads(connector, guard);
    await reads.getObjectsByIds(
      'contact',
      Array.from({ length: 150 }, (_, n) => `id-${n}`),
    );
    expect(guard.callsMade).toBe(2);
    await reads.listObjects('contact', { limit: 1 });
    expect(guard.callsMade).toBe(3);
    await expect(reads.listObjects('contact', { limit: 1 })).rejects.toBeInstanceOf(UpstreamBudgetExceededError);
  });
});
