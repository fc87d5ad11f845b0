import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { HashingPool } from './hashing-pool.js';

/**
 * argon2id at OWASP's recommended minimum (19 MiB, t=2, p=1). Measured here (2 cores): ≈ 45 ms per
 * verification, inside the 60 ms sign-in budget; the next step up (t=3, or 32 MiB) already costs
 * 85–115 ms, so it does not fit. Stored hashes carry their own parameters: a hash made with other
 * settings (the earlier 64 MiB ones) is replaced at the owner's next successful sign-in.
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export type HashOptions = { memoryCost: number; timeCost: number; parallelism: number };

/**
 * Every hash and verification goes through one bounded pool (see hashing-pool.ts), so memory is
 * capped whatever the number of simultaneous sign-ins.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(
    private readonly options: HashOptions = PASSWORD_HASH_OPTIONS,
    readonly pool: HashingPool = new HashingPool(),
  ) {}

  hash(password: string): Promise<string> {
    return this.pool.run(() => argon2.hash(password, { ...this.options, type: argon2.argon2id }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.pool.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as verify() on a real hash (same parameters, same pool, same queue) and
   * answers false. Used for unknown addresses so that "no such account" and "wrong password"
   * cannot be told apart by timing.
   */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummyHash(), password);
    return false;
  }

  /** Prepares the dummy hash at start-up, so the first unknown address is not the slow one. */
  async warmUp(): Promise<void> {
    await this.dummyHash();
  }

  /** True when `hash` was made with other parameters than ours (or is not an argon2 hash). */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, { ...this.options });
    } catch {
      return true;
    }
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(18).toString('base64url'));
    return this.dummy;
  }
}
