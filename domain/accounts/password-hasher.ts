import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * argon2id above the OWASP minimum (19 MiB, t=2, p=1): 64 MiB and two passes cost about 0.1 s
 * per hash on one core of the build machines, which keeps sign-in responsive on two cores while
 * making each offline guess expensive. Stored hashes carry their own parameters, so raising these
 * later only needs `needsRehash` on the next sign-in.
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 64 * 1024, timeCost: 2, parallelism: 1 } as const;

export type HashOptions = { memoryCost: number; timeCost: number; parallelism: number };

export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly options: HashOptions = PASSWORD_HASH_OPTIONS) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { ...this.options, type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as verify() on a real hash and answers false. Used for unknown addresses
   * so that "no such account" and "wrong password" cannot be told apart by timing.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(18).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }

  /** Prepares the dummy hash at start-up, so the first unknown address is not the slow one. */
  async warmUp(): Promise<void> {
    this.dummy ??= this.hash(randomBytes(18).toString('base64url'));
    await this.dummy;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, { ...this.options });
    } catch {
      return true;
    }
  }
}
