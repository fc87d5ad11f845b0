import type { Collection, Document } from 'mongodb';
import type { Model } from 'mongoose';

/**
 * The driver collection under a mongoose model, typed by the document as it is stored. Our
 * documents keep string `_id`s (FerretDB indexes only `_id`, so the hot key lives there), which
 * mongoose's typing of `model.collection` (ObjectId ids) refuses; this one cast stands in for a
 * cast at every insert and lookup.
 */
export function collectionOf<TStored extends Document>(model: Pick<Model<never>, 'collection'>): Collection<TStored> {
  return model.collection as unknown as Collection<TStored>;
}
