import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionOf } from '../../store/collection.js';
import type { AttemptStore, SignInAttempt } from './attempt-store.js';
import { signInAttemptModel, type SignInAttemptDocument } from './sign-in-attempt.model.js';

/** Attempts as documents in `signInAttempts`, shared by every gateway process; served by its (key, at) index on MongoDB. */
export class DatabaseAttemptStore implements AttemptStore {
  private readonly attempts: Collection<SignInAttemptDocument>;

  constructor(connection: Connection) {
    this.attempts = collectionOf<SignInAttemptDocument>(signInAttemptModel(connection));
  }

  async record(attempt: SignInAttempt): Promise<void> {
    const doc: SignInAttemptDocument = {
      _id: attempt.id,
      key: attempt.key,
      at: attempt.at,
      pending: attempt.pending,
      expiresAt: attempt.expiresAt,
    };
    await this.attempts.insertOne(doc);
  }

  async recent(key: string, since: Date, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>> {
    // No projection: the documents are five small fields, and leaving fields out changes no answer.
    const docs = await this.attempts.find({ key, at: { $gte: since } }).toArray();
    return docs.filter((d) => d._id !== excludeId).map((d) => ({ at: d.at, pending: d.pending !== false }));
  }

  async markFailed(id: string): Promise<void> {
    await this.attempts.updateOne({ _id: id }, { $set: { pending: false } });
  }

  async forget(id: string): Promise<void> {
    await this.attempts.deleteOne({ _id: id });
  }

  async purge(now: Date): Promise<number> {
    return (await this.attempts.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
