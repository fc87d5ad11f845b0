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

describe('upstream guard: limits and leftovers', () => {
  it('defaults to twenty estimated calls times the scan allowance, six at once, a hundred waiting', () => {
    expect(new UpstreamBulkheads().limits).toEqual({ callsPerRequest: 200, concurrentPerPrincipal: 6, queuedPerPrincipal: 100 });
  });

  it('tells the client in words why it was refused', async () => {
    const bulkheads = new UpstreamBulkheads({ concurrentPerPrincipal: 1, queuedPerPrincipal: 0 });
    const guard = bulkheads.forRequest('t', 'ip:1');
    const g = gate();
    const first = guard.run(1, () => g.opened);
    await expect(guard.run(1, async () => {})).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many requests at once. Please wait and try again.',
      extensions: expect.objectContaining({ retryAfter: 1 }),
    });
    await expect(guard.run(500, async () => {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'This request needs more calls to Nextcloud than one request may make (200). Ask for less per request.',
    });
    guard.cancel();
    await expect(guard.run(1, async () => {})).rejects.toMatchObject({ message: 'The request was cancelled.' });
    g.open();
    await first;
  });

  it('keeps a lane while any of its calls run, so a finished call does not reset the limit', async () => {
    const bulkheads = new UpstreamBulkheads({ concurrentPerPrincipal: 2 });
    const guard = bulkheads.forRequest('t', 'account:a');
    const slow = gate();
    const quick = gate();
    let running = 0;
    let peak = 0;
    const call = (until: Promise<void>) =>
      guard.run(1, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await until;
        running -= 1;
      });
    const held = call(slow.opened);
    const done = call(quick.opened);
    quick.open();
    await done;
    expect(bulkheads.load('t', 'account:a')).toEqual({ active: 1, waiting: 0 });
    const more = [call(slow.opened), call(slow.opened)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(bulkheads.load('t', 'account:a')).toEqual({ active: 2, waiting: 1 });
    slow.open();
    await Promise.all([held, ...more]);
    expect(peak).toBe(2);
  });

  it('forgets idle lanes, so every caller ever seen does not stay in memory', async () => {
    const bulkheads = new UpstreamBulkheads();
    for (let n = 0; n < 5; n += 1) await bulkheads.forRequest('t', `ip:${n}`).run(1, async () => {});
    expect(bulkheads.laneCount).toBe(0);
    const g = gate();
    const running = bulkheads.forRequest('t', 'ip:busy').run(1, () => g.opened);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bulkheads.laneCount).toBe(1);
    g.open();
    await running;
    expect(bulkheads.laneCount).toBe(0);
  });

  it('frees a slot only once, however often its release is called', async () => {
    const bulkheads = new UpstreamBulkheads({ concurrentPerPrincipal: 2 });
    const first = await bulkheads.enter('lane', () => false);
    await bulkheads.enter('lane', () => false);
    first();
    first();
    await bulkheads.enter('lane', () => false);
    const fourth = bulkheads.enter('lane', () => false);
    let admitted = false;
    void fourth.then(() => (admitted = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toBe(false);
  });

  it('refuses a cancelled request’s next call at once: not charged, not queued behind its lane', async () => {
    const bulkheads = new UpstreamBulkheads({ concurrentPerPrincipal: 1 });
    const other = bulkheads.forRequest('t', 'account:a');
    const g = gate();
    const busy = other.run(1, () => g.opened);
    const guard = bulkheads.forRequest('t', 'account:a');
    guard.cancel();
    await expect(guard.run(1, async () => {})).rejects.toBeInstanceOf(RequestCancelledError);
    expect(guard.callsMade).toBe(0);
    expect(bulkheads.load('t', 'account:a')).toEqual({ active: 1, waiting: 0 });
    g.open();
    await busy;
  });

  it('passes the connector’s answers through the guard', async () => {
    const found = new Map([['id-1', { id: 'id-1' }]]);
    const page = { results: [], total: 0, page: 1, pages: 1, limit: 1 };
    const connector = { listObjects: async () => page, getObjectsByIds: async () => found };
    const reads = guardedReads(connector as never, new UpstreamBulkheads().forRequest('t', 'account:a'));
    await expect(reads.getObjectsByIds('contact', ['id-1'])).resolves.toBe(found);
    await expect(reads.listObjects('contact', { limit: 1 })).resolves.toBe(page);
  });
});
