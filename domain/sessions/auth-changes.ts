import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionNamed } from '../../store/collection.js';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';

export const AUTH_CHANGES_COLLECTION = 'auth_changes';
const SIGNAL_ID = 'signal';

export interface AuthSignalDocument {
  _id: string;
  /** A fresh random value per change: a write can replace it but never bring an older one back. */
  token: string;
  changedAt: Date;
}

export interface AuthChangesTiming {
  /** How often a process that is serving requests reads the signal (default 20 ms). */
  pollEveryMs: number;
  /** A picture is fresh while the last completed read of the signal began less than this ago (default 60 ms). */
  freshForMs: number;
  /** How long a change waits after its signal before it counts as done (default 100 ms; must exceed freshForMs). */
  settleMs: number;
  /** Polling stops this long after the last request asked (default 2 s). */
  idleAfterMs: number;
}

const DEFAULT_TIMING: AuthChangesTiming = { pollEveryMs: 20, freshForMs: 60, settleMs: 100, idleAfterMs: 2_000 };

/**
 * Tells every process on the database that sessions or accounts changed, so that each may keep
 * what it read of them between requests without ever honouring a revoked session.
 *
 * Every change (a session ended, an account blocked, edited, its MFA or password changed) writes a
 * new random token to one document, then waits `settleMs` before it is done. A process serving
 * requests reads that document every `pollEveryMs`; a token it has not seen moves its generation
 * on, which makes everything it kept stale. It uses what it kept only while its last completed
 * read began less than `freshForMs` ago. So a request that arrives after a change was done finds a
 * process whose last read began after the change was written (settleMs > freshForMs), and that
 * read saw a new token. Tokens are random rather than counted because the embedded engine's
 * updates are not atomic between processes: of two changes at once one token may be lost, but the
 * one left is still new to every reader. Durations are measured on each process's own monotonic
 * clock; no two clocks are compared.
 */
export class AuthChanges {
  private readonly timing: AuthChangesTiming;
  private known: string | null | undefined = undefined;
  private currentGeneration = 0;
  /** performance.now() at which the last completed read of the signal began. */
  private lastReadStartedAt = -Infinity;
  private lastAskedAt = -Infinity;
  private polling = false;

  constructor(
    /** Asked when first needed: a repository may be built before its connection is open. */
    private readonly signalCollection: () => Collection<AuthSignalDocument>,
    timing: Partial<AuthChangesTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    if (this.timing.settleMs <= this.timing.freshForMs) throw new Error('settleMs must exceed freshForMs');
  }

  /** Moves on whenever this process learns of a change; what was kept under an older one is stale. */
  get generation(): number {
    return this.currentGeneration;
  }

  /**
   * The generation under which kept reads may be used right now, or null when this process has not
   * read the signal recently enough (it then starts to). A read kept under generation g is usable
   * while this answers g.
   */
  fresh(): number | null {
    const now = performance.now();
    this.lastAskedAt = now;
    if (!this.polling) this.startPolling();
    return now - this.lastReadStartedAt < this.timing.freshForMs ? this.currentGeneration : null;
  }

  /**
   * Announces a change that has been written. Resolves once every process that still uses what it
   * kept has seen it. `settle: false` skips that wait, for changes nobody relies on seeing at once
   * (the time of the last sign-in); they still reach the others within one poll.
   */
  async changed({ settle = true }: { settle?: boolean } = {}): Promise<void> {
    const token = randomBytes(12).toString('base64url');
    await this.writeSignal(token);
    this.observe(token);
    if (settle) await sleep(this.timing.settleMs);
  }

  private async writeSignal(token: string): Promise<void> {
    const write = () =>
      this.signalCollection().updateOne({ _id: SIGNAL_ID }, { $set: { token, changedAt: new Date() } }, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first writers can both try to create the document; the one that lost updates it.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  private observe(token: string | null): void {
    if (token === this.known) return;
    this.known = token;
    this.currentGeneration += 1;
  }

  private startPolling(): void {
    this.polling = true;
    void (async () => {
      try {
        while (performance.now() - this.lastAskedAt < this.timing.idleAfterMs) {
          const startedAt = performance.now();
          try {
            const doc = await this.signalCollection().findOne({ _id: SIGNAL_ID });
            this.observe(doc?.token ?? null);
            this.lastReadStartedAt = startedAt;
          } catch {
            // Unreadable: the picture goes stale by itself and requests read for themselves.
          }
          await sleep(this.timing.pollEveryMs, undefined, { ref: false });
        }
      } finally {
        this.polling = false;
      }
    })();
  }
}

const perConnection = new WeakMap<Connection, AuthChanges>();

/** The one signal of a connection's database, shared by everything in the process that uses it. */
export function authChangesOf(connection: Connection): AuthChanges {
  let changes = perConnection.get(connection);
  if (!changes) {
    changes = new AuthChanges(() => collectionNamed<AuthSignalDocument>(connection, AUTH_CHANGES_COLLECTION));
    perConnection.set(connection, changes);
  }
  return changes;
}
