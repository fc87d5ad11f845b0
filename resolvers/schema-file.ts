import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../core/paths.js';
import { buildBareSchema } from './schema.js';

/** The committed SDL that clients, codegen and reviewers read. */
export const schemaFilePath = path.join(projectRoot, 'schema', 'schema.graphql');

const HEADER = '# Generated from the type-graphql sources by `npm run schema:emit`. Do not edit by hand.\n\n';

export async function printApiSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildBareSchema())) + '\n';
}

export async function emitSchemaFile(): Promise<void> {
  await writeFile(schemaFilePath, await printApiSchema());
}

/** True when the committed schema.graphql matches the sources. */
export async function schemaFileIsCurrent(): Promise<boolean> {
  const committed = await readFile(schemaFilePath, 'utf8').catch(() => '');
  return committed === (await printApiSchema());
}
