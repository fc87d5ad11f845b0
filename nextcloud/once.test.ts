import { describe, expect, it } from 'vitest';
import { NextcloudConfigurationError } from './errors.js';
import { Once } from './once.js';

/**
 * What a tenant's checks (service account, schema ids, data access) remember between requests: a
 * wrong password must not be re-tried on every request (Nextcloud's brute-force protection would
 * slow the gateway down), but a passing outage must not keep the portal dark after Nextcloud is back.
 */
function onceWith(outcomes: Array<() => Promise<string>>) {
  const clock = { t: 1_000 };
  let calls = 0;
  const once = new Once(
    () => {
      const next = outcomes[Math.min(calls, outcomes.length - 1)]!;
      calls += 1;
      return next();
    },
    { now: () => clock.t, failureTtlMs: 30_000 },
  );
  return { once, clock, calls: () => calls };
}

const ok = (value: string) => () => Promise.resolve(value);
const misconfigured = () => Promise.reject(new NextcloudConfigurationError('wrong app password'));
const outage = () => Promise.reject(new Error('connection refused'));

describe('Once', () => {
  it('shares one load between concurrent first callers and keeps a success', async () => {
    const { once, clock, calls } = onceWith([ok('svc')]);
    await expect(Promise.all([once.get(), once.get()])).resolves.toEqual(['svc', 'svc']);
    clock.t += 10 * 60_000;
    await expect(once.get()).resolves.toBe('svc');
    expect(calls()).toBe(1);
  });

  it('remembers a configuration error for exactly the failure TTL, then tries again', async () => {
    const { once, clock, calls } = onceWith([misconfigured, ok('svc')]);
    await expect(once.get()).rejects.toBeInstanceOf(NextcloudConfigurationError);
    clock.t += 29_999;
    await expect(once.get()).rejects.toBeInstanceOf(NextcloudConfigurationError);
    expect(calls()).toBe(1);
    clock.t += 1;
    await expect(once.get()).resolves.toBe('svc');
    expect(calls()).toBe(2);
  });

  it('forgets any other failure at once, so the next request tries again', async () => {
    const { once, calls } = onceWith([outage, ok('svc')]);
    await expect(once.get()).rejects.toThrow('connection refused');
    await expect(once.get()).resolves.toBe('svc');
    expect(calls()).toBe(2);
  });

  it('keeps credentials found revoked while a load was still running, even if that load then fails otherwise', async () => {
    let failLoad: (error: Error) => void = () => {};
    const { once, calls } = onceWith([() => new Promise<string>((_, reject) => (failLoad = reject)), ok('svc')]);
    const first = once.get();
    once.reject(new NextcloudConfigurationError('credentials revoked'));
    failLoad(new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await expect(once.get()).rejects.toBeInstanceOf(NextcloudConfigurationError);
    expect(calls()).toBe(1);
  });

  it('counts the remembered revocation from when it was reported, not from a stale load ending later', async () => {
    let failLoad: (error: Error) => void = () => {};
    const { once, clock, calls } = onceWith([() => new Promise<string>((_, reject) => (failLoad = reject)), ok('svc')]);
    const first = once.get();
    once.reject(new NextcloudConfigurationError('credentials revoked'));
    clock.t += 20_000;
    failLoad(new NextcloudConfigurationError('wrong app password'));
    await expect(first).rejects.toBeInstanceOf(NextcloudConfigurationError);
    clock.t += 10_000;
    await expect(once.get()).resolves.toBe('svc');
    expect(calls()).toBe(2);
  });
});
