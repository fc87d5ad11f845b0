import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { useTestDatabase } from '../test/db.js';
import { LeasedWorker } from './worker-lease-runner.js';
import { WORKER_LEASE_COLLECTION, WorkerLease } from './worker-lease.js';

// The worker lease on the run's real embedded engine, where only an `_id` insert is atomic.

const db = useTestDatabase();
const LEASE_MS = 30_000;

function sharedClock() {
  let now = 1_800_000_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WorkerLease', () => {
  beforeEach(async () => {
    await db().db!.collection(WORKER_LEASE_COLLECTION).deleteMany({});
  });

  it('is held by the first process; a second one is told who holds it', async () => {
    const clock = sharedClock();
    const a = new WorkerLease(db(), 'a', LEASE_MS, clock.now);
    const b = new WorkerLease(db(), 'b', LEASE_MS, clock.now);
    expect(await a.tryAcquire()).toEqual({ acquired: true });
    expect(await b.tryAcquire()).toMatchObject({ acquired: false, holder: 'a' });
    // A live holder keeps renewing; the other still may not take it.
    clock.advance(LEASE_MS / 2);
    expect(await a.renew()).toBe(true);
    clock.advance(LEASE_MS / 2 + 1);
    expect(await b.tryAcquire()).toMatchObject({ acquired: false, holder: 'a' });
  });

  it('passes to a waiting process only once the holder stopped renewing, and the old holder learns it lost', async () => {
    const clock = sharedClock();
    const a = new WorkerLease(db(), 'a', LEASE_MS, clock.now);
    const b = new WorkerLease(db(), 'b', LEASE_MS, clock.now);
    await a.tryAcquire();
    clock.advance(LEASE_MS - 1);
    expect((await b.tryAcquire()).acquired).toBe(false);
    clock.advance(2);
    expect(await b.tryAcquire()).toEqual({ acquired: true });
    expect(await a.renew()).toBe(false);
    expect(a.held).toBe(false);
    expect(await a.tryAcquire()).toMatchObject({ acquired: false, holder: 'b' });
  });

  it('a holder that wakes after its expiry stops even before anyone took over', async () => {
    const clock = sharedClock();
    const a = new WorkerLease(db(), 'a', LEASE_MS, clock.now);
    await a.tryAcquire();
    clock.advance(LEASE_MS);
    expect(await a.renew()).toBe(false);
  });

  it('a holder whose clock lags learns from the database that it lost, even after two takeovers', async () => {
    const late = sharedClock();
    const others = sharedClock();
    const a = new WorkerLease(db(), 'a', LEASE_MS, late.now);
    await a.tryAcquire();
    others.advance(LEASE_MS + 1);
    expect(await new WorkerLease(db(), 'b', LEASE_MS, others.now).tryAcquire()).toEqual({ acquired: true });
    others.advance(LEASE_MS + 1);
    expect(await new WorkerLease(db(), 'c', LEASE_MS, others.now).tryAcquire()).toEqual({ acquired: true });
    // By its own clock A's lease is still running; the newest generation is C's.
    expect(a.held).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(a.held).toBe(false);
  });

  it('released, it is free at once', async () => {
    const clock = sharedClock();
    const a = new WorkerLease(db(), 'a', LEASE_MS, clock.now);
    const b = new WorkerLease(db(), 'b', LEASE_MS, clock.now);
    await a.tryAcquire();
    await a.release();
    expect(await b.tryAcquire()).toEqual({ acquired: true });
  });

  it('of many processes racing for a free or an expired lease exactly one wins', async () => {
    const clock = sharedClock();
    const contenders = Array.from({ length: 12 }, (_, i) => new WorkerLease(db(), `p${i}`, LEASE_MS, clock.now));
    const first = await Promise.all(contenders.map((lease) => lease.tryAcquire()));
    expect(first.filter((attempt) => attempt.acquired)).toHaveLength(1);

    clock.advance(LEASE_MS + 1);
    const second = await Promise.all(contenders.map((lease) => lease.tryAcquire()));
    expect(second.filter((attempt) => attempt.acquired)).toHaveLength(1);
    expect(contenders.filter((lease) => lease.held)).toHaveLength(1);
    // Generations before the winner's are cleaned up: the collection stays one document small.
    expect(await db().db!.collection(WORKER_LEASE_COLLECTION).countDocuments()).toBe(1);
  });
});

describe('LeasedWorker', () => {
  beforeEach(async () => {
    await db().db!.collection(WORKER_LEASE_COLLECTION).deleteMany({});
  });

  function capturedLogger() {
    const lines: Array<{ level: number; msg: string }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    return { logger: createLogger({ level: 'info', destination }), lines };
  }

  function worker(name: string, leaseMs: number) {
    const { logger, lines } = capturedLogger();
    const state = { starts: 0, stops: 0 };
    const made = new LeasedWorker({
      lease: new WorkerLease(db(), name, leaseMs),
      logger,
      start: async () => void state.starts++,
      stop: async () => void state.stops++,
    });
    return { worker: made, state, lines };
  }

  it('a second process warns once, runs nothing, and takes over within about a lease time after the holder died', async () => {
    const leaseMs = 900;
    const a = worker('a', leaseMs);
    const b = worker('b', leaseMs);
    await a.worker.begin();
    await b.worker.begin();
    expect(a.worker.active).toBe(true);
    expect(b.worker.active).toBe(false);
    await sleep(leaseMs * 2);
    // A holder that keeps its beat keeps the lease; the waiting one said so once, not per beat.
    expect(a.worker.active).toBe(true);
    expect(b.state.starts).toBe(0);
    const warnings = b.lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/another process runs the job worker/);

    // "Dies": stops beating without releasing (a killed process cannot release).
    clearInterval((a.worker as unknown as { timer: NodeJS.Timeout }).timer);
    const died = Date.now();
    while (!b.worker.active && Date.now() - died < leaseMs * 4) await sleep(50);
    expect(b.worker.active).toBe(true);
    expect(Date.now() - died).toBeLessThan(leaseMs * 2 + 500);
    expect(b.state.starts).toBe(1);
    await b.worker.close();
    expect(b.state.stops).toBe(1);
  });

  it('closing the holder hands the worker over at the next beat', async () => {
    const leaseMs = 3_000;
    const a = worker('a', leaseMs);
    const b = worker('b', leaseMs);
    await a.worker.begin();
    await b.worker.begin();
    await a.worker.close();
    expect(a.state.stops).toBe(1);
    const closed = Date.now();
    while (!b.worker.active && Date.now() - closed < leaseMs * 2) await sleep(50);
    expect(b.worker.active).toBe(true);
    expect(Date.now() - closed).toBeLessThan(leaseMs / 3 + 700);
    await b.worker.close();
  });
});
