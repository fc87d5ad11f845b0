import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Read-only looks into the embedded engine's SQLite files, for tests and benchmarks that must show
 * what SQLite does with FerretDB's queries. Node 20 has no SQLite of its own, so the engine's binary
 * answers (`-query`), reading the files with the same SQLite build that writes them.
 */
export async function querySqliteFile(
  binary: string,
  file: string,
  sql: string,
  params: string[] = [],
): Promise<Array<Record<string, unknown>>> {
  const { stdout } = await run(binary, ['-query', file, sql, ...params], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Array<Record<string, unknown>>;
}

/** FerretDB keeps each database in "<data folder>/<database name>.sqlite". */
export const databaseFile = (dataDir: string, dbName: string) => path.join(dataDir, `${dbName}.sqlite`);

/** The SQLite table FerretDB stores a collection in, from its metadata table; undefined if none. */
export async function collectionTable(binary: string, file: string, collection: string): Promise<string | undefined> {
  const rows = await querySqliteFile(binary, file, 'SELECT table_name FROM _ferretdb_collections WHERE name = ?', [collection]);
  return rows[0]?.table_name as string | undefined;
}

/** Names of the SQLite indexes on a table, FerretDB's own and any others. */
export async function tableIndexes(binary: string, file: string, table: string): Promise<string[]> {
  const rows = await querySqliteFile(binary, file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?", [
    table,
  ]);
  return rows.map((row) => String(row.name));
}

/**
 * SQLite's plan for the statement FerretDB runs for a filter that is exactly {_id: x}: its
 * `detail` lines joined, e.g. "SEARCH t USING INDEX i (<expr>=?)" or "SCAN t".
 */
export async function idLookupPlan(binary: string, file: string, table: string): Promise<string> {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  const rows = await querySqliteFile(
    binary,
    file,
    `EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM ${quoted} WHERE _ferretdb_sjson->'$._id' = ?`,
    ['"any"'],
  );
  return rows.map((row) => String(row.detail)).join('; ');
}
