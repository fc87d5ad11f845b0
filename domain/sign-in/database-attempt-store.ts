import type { Connection } from 'mongoose';
import type { AttemptStore, SignInAttempt } from './attempt-store.js';
import { signInAttemptModel, type SignInAttemptDocument, type SignInAttemptModel } from './sign-in-attempt.model.js';

/** Attempts as documents in `signInAttempts`, shared by every gateway process; served by its (key, at) index on MongoDB. */
export class DatabaseAttemptStore implements AttemptStore {
  private readonly attempts: SignInAttemptModel;

  constructor(connection: Connection) {
    this.attempts = signInAttemptModel(connection);
  }

  async record(attempt: SignInAttempt): Promise<void> {
    const doc: SignInAttemptDocument = {
      _id: attempt.id,
      key: attempt.key,
      at: attempt.at,
      pending: attempt.pending,
      expiresAt: attempt.expiresAt,
    };
    await this.attempts.collection.insertOne(doc as never);
  }

  async recent(key: string, since: Date, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>> {
    const docs = await this.attempts.collection
      .find<Pick<SignInAttemptDocument, '_id' | 'at' | 'pending'>>(
        { key, at: { $gte: since } },
        { projection: { at: 1, pending: 1 } },
      )
      .toArray();
    return docs.filter((d) => d._id !== excludeId).map((d) => ({ at: d.at, pending: d.pending !== false }));
  }

  async markFailed(id: string): Promise<void> {
    await this.attempts.collection.updateOne({ _id: id as never }, { $set: { pending: false } });
  }

  async forget(id: string): Promise<void> {
    await this.attempts.collection.deleteOne({ _id: id as never });
  }

  async purge(now: Date): Promise<number> {
    return (await this.attempts.collection.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
