import os from 'node:os';
import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { HashingPool } from './hashing-pool.js';
import { PASSWORD_HASH_OPTIONS, PasswordHasher } from './password-hasher.js';

/** Cheap parameters for tests that hash many times; the pool and the rules do not depend on them. */
const CHEAP = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  it('hashes at OWASP’s argon2id minimum by default (19 MiB, t=2, p=1)', async () => {
    const hash = await new PasswordHasher().hash('Zeilboot-Kompas-Viool-71');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(PASSWORD_HASH_OPTIONS).toMatchObject({ memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
  });

  it('asks for a re-hash only when the stored parameters differ from ours', async () => {
    const hasher = new PasswordHasher(CHEAP);
    expect(hasher.needsRehash(await hasher.hash('pw-1'))).toBe(false);
    const older = await argon2.hash('pw-1', { type: argon2.argon2id, memoryCost: 2048, timeCost: 1, parallelism: 1 });
    expect(hasher.needsRehash(older)).toBe(true);
    // Still verifies: the stored hash carries its own parameters.
    expect(await hasher.verify(older, 'pw-1')).toBe(true);
    expect(hasher.needsRehash('not-a-hash')).toBe(true);
  });

  it('100 parallel verifications queue behind the pool instead of all running at once', async () => {
    const pool = new HashingPool(2);
    const hasher = new PasswordHasher(CHEAP, pool);
    const hash = await hasher.hash('right');
    let queuedSeen = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const verification = hasher.verify(hash, i === 42 ? 'right' : `wrong-${i}`);
        queuedSeen = Math.max(queuedSeen, pool.queued);
        return verification;
      }),
    );
    expect(pool.peak).toBe(2);
    expect(queuedSeen).toBeGreaterThanOrEqual(97);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results[42]).toBe(true);
    expect(pool.queued).toBe(0);
  });

  it('answers false for a stored hash it cannot read, instead of failing the sign-in with an error', async () => {
    const hasher = new PasswordHasher(CHEAP);
    expect(await hasher.verify('not-a-hash', 'pw-1')).toBe(false);
    expect(await hasher.verify('', 'pw-1')).toBe(false);
  });

  it('the unknown-address dummy is a real verification against one argon2id hash of our parameters, made at warm-up', async () => {
    const pool = new HashingPool(1);
    const hasher = new PasswordHasher(CHEAP, pool);
    await hasher.warmUp();
    expect(pool.peak).toBe(1); // the dummy hash was made before any sign-in needs it
    const verified: string[] = [];
    const verify = hasher.verify.bind(hasher);
    hasher.verify = (hash, password) => {
      verified.push(hash);
      return verify(hash, password);
    };
    expect(await hasher.verifyDummy('a')).toBe(false);
    expect(await hasher.verifyDummy('b')).toBe(false);
    expect(verified).toHaveLength(2);
    expect(verified[0]).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(verified[1]).toBe(verified[0]);
  });

  it('the unknown-address dummy goes through the same pool and answers false', async () => {
    const pool = new HashingPool(1);
    const hasher = new PasswordHasher(CHEAP, pool);
    await hasher.warmUp();
    const answers = await Promise.all([hasher.verifyDummy('a'), hasher.verifyDummy('b'), hasher.verifyDummy('')]);
    expect(answers).toEqual([false, false, false]);
    expect(pool.peak).toBe(1);
  });
});

describe('HashingPool', () => {
  it('serves jobs in arrival order and keeps going after a job fails', async () => {
    const pool = new HashingPool(1);
    const order: number[] = [];
    const failing = pool.run(async () => {
      order.push(0);
      throw new Error('boom');
    });
    const rest = [1, 2, 3].map((n) => pool.run(async () => order.push(n)));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all(rest);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => new HashingPool(0)).toThrow(RangeError);
    expect(() => new HashingPool(1.5)).toThrow(RangeError);
  });

  it('by default runs one hash per core, so a multi-core host is not held to one at a time', () => {
    expect(new HashingPool().size).toBe(Math.max(1, os.availableParallelism()));
  });
});
