import { readFileSync } from 'node:fs';
import type { Model } from 'mongoose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signInAttemptModel } from '../domain/sign-in/sign-in-attempt.model.js';
import { useTestGateway } from '../test/gateway.js';

/**
 * The README's "Where the data is stored" table is what backups, restores and the DPO's record of
 * processing go by. Production (MongoDB) builds every declared index; the embedded engine only the
 * unique ones, so a lost index would show nowhere locally: these tests hold the code to the table.
 */
const SECTION = '### Where the data is stored';

/** Collection name → the indexes its row lists, each as `{ a: 1, b: -1 }` plus ` unique`. */
function documentedCollections(): Map<string, string[]> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const [, ...sectionLines] = readme.slice(start).split('\n');
  const end = sectionLines.findIndex((line) => line.startsWith('#'));
  const tableRows = sectionLines.slice(0, end < 0 ? undefined : end).filter((line) => line.startsWith('| `'));
  const documented = new Map<string, string[]>();
  for (const row of tableRows) {
    const [names = '', , indexes = ''] = row.split('|').slice(1);
    const listed = [...indexes.matchAll(/`(\{[^`]*\})`( unique)?/g)].map(([, spec, unique]) => `${spec}${unique ?? ''}`);
    for (const [, name] of names.matchAll(/`([^`]+)`/g)) documented.set(name!, listed);
  }
  return documented;
}

function declaredIndexes(model: Model<unknown>): string[] {
  return model.schema.indexes().map(([fields, options]) => {
    const keys = Object.entries(fields).map(([field, order]) => `${field}: ${String(order)}`);
    return `{ ${keys.join(', ')} }${(options as { unique?: boolean }).unique ? ' unique' : ''}`;
  });
}

/** Collections that appear with their first document (the rest exist once a gateway has started). */
const MADE_ON_FIRST_USE = [
  'audit_writer_leases',
  'auth_changes',
  'exportArchives.chunks',
  'exportArchives.files',
  'requestCounts',
];

/** GridFS buckets of single archives (the embedded engine's layout) belong to the archives' row. */
const bucketFamily = (name: string) => name.replace(/^exportArchives\.[0-9a-f]{24}\./, 'exportArchives.');

describe('storage map: the README table matches what the gateway stores', () => {
  const gateway = useTestGateway();
  // Registered on MongoDB only (the embedded engine keeps sign-in attempts in memory,
  // attempt-store.ts), so registered here as MongoDB would.
  beforeAll(() => {
    signInAttemptModel(gateway().connection);
  });

  it('lists every model collection with exactly the indexes the model declares', () => {
    const documented = documentedCollections();
    const models = Object.values(gateway().connection.models);
    expect(models.length).toBeGreaterThan(15);
    for (const model of models) {
      const name = model.collection.collectionName;
      expect(documented.has(name), `README lists collection ${name}`).toBe(true);
      expect([...declaredIndexes(model)].sort(), `indexes of ${name}`).toEqual([...documented.get(name)!].sort());
    }
  });

  it('lists every collection a running gateway has created', async () => {
    const documented = documentedCollections();
    const existing = await gateway().connection.db!.listCollections({}, { nameOnly: true }).toArray();
    expect(existing.length).toBeGreaterThan(10);
    const undocumented = existing.map(({ name }) => bucketFamily(name)).filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
  });

  it('lists no collection that a running gateway neither has nor makes on first use', async () => {
    const expected = [...documentedCollections().keys()].filter((name) => !MADE_ON_FIRST_USE.includes(name));
    // The scheduler and the jobs lease make theirs shortly after start-up, so this waits for them.
    await vi.waitFor(
      async () => {
        const existing = await gateway().connection.db!.listCollections({}, { nameOnly: true }).toArray();
        const present = new Set(existing.map(({ name }) => name));
        expect(expected.filter((name) => !present.has(name))).toEqual([]);
      },
      { timeout: 15_000, interval: 100 },
    );
  });
});
