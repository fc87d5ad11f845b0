import type { Connection } from 'mongoose';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

const detected = new WeakMap<Connection, Promise<DatabaseEngine>>();

/**
 * Which engine is behind a connection, asked once per connection. FerretDB answers `buildInfo`
 * with a `ferretdbVersion`; code that must behave differently (indexes it cannot use, sorts it
 * would evaluate in memory) asks here instead of guessing from the URI.
 */
export function databaseEngine(connection: Connection): Promise<DatabaseEngine> {
  let engine = detected.get(connection);
  if (!engine) {
    engine = connection
      .asPromise()
      .then((open) => open.db!.admin().command({ buildInfo: 1 }))
      .then((info): DatabaseEngine => ('ferretdbVersion' in info ? 'ferretdb' : 'mongodb'));
    detected.set(connection, engine);
  }
  return engine;
}
