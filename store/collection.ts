import type { Collection, Document } from 'mongodb';
import type { Connection, Model } from 'mongoose';

/**
 * The driver collection under a mongoose model, typed by the document as it is stored. Our
 * documents keep string `_id`s (FerretDB indexes only `_id`, so the hot key lives there), which
 * mongoose's typing of `model.collection` (ObjectId ids) refuses; this one cast stands in for a
 * cast at every insert and lookup.
 */
export function collectionOf<TStored extends Document>(model: Pick<Model<never>, 'collection'>): Collection<TStored> {
  return model.collection as unknown as Collection<TStored>;
}

/**
 * A collection no model describes (leases, counters, hints), typed the same way. The connection
 * must be open: these are used by services that start after the database is reached.
 */
export function collectionNamed<TStored extends Document>(connection: Connection, name: string): Collection<TStored> {
  return connection.db!.collection<TStored>(name) as unknown as Collection<TStored>;
}
