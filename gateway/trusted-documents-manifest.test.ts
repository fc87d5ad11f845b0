import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { projectRoot } from '../core/paths.js';
import { buildApiSchema } from '../resolvers/schema.js';
import * as webDocuments from '../web/src/gql/graphql.js';
import { documentHashOf, TrustedDocuments, WEB_MANIFEST_FILE } from './trusted-documents.js';

/**
 * The committed manifest is the gateway's whole trust list, so it must be exactly what the web
 * app's operations produce today: a stale one would refuse a new page, or keep trusting a removed
 * operation. (`npm run check` runs the same codegen comparison for every generated file.)
 */
describe('the trusted-document manifest', () => {
  const committed = JSON.parse(readFileSync(WEB_MANIFEST_FILE, 'utf8')) as Record<string, string>;

  it('is what codegen makes from the web app’s operations now', async () => {
    const outputs = await generate({ ...config, cwd: projectRoot, silent: true }, false);
    const generated = outputs.find((output: { filename: string }) => output.filename.endsWith('persisted-documents.json'));
    expect(generated, 'codegen wrote no manifest: is persistedDocuments still on in codegen.ts?').toBeDefined();
    expect(JSON.parse(generated!.content)).toEqual(committed);
  }, 60_000);

  it('holds every operation the web app sends, by the hash the web app sends, and nothing else', () => {
    const sentHashes = Object.values(webDocuments)
      .map((value) => (value as { __meta__?: { hash?: string } } | null)?.__meta__?.hash)
      .filter((hash): hash is string => typeof hash === 'string');
    expect(sentHashes.length).toBeGreaterThan(0);
    expect(new Set(sentHashes)).toEqual(new Set(Object.keys(committed)));
  });

  it('loads against the API schema, each hash being the sha256 of its text', async () => {
    const documents = TrustedDocuments.load(WEB_MANIFEST_FILE, await buildApiSchema());
    expect(documents.size).toBe(Object.keys(committed).length);
    const [key, text] = Object.entries(committed)[0]!;
    expect(documents.textOf(documentHashOf(text))).toBe(text);
    expect(key).toBe(`sha256:${documentHashOf(text)}`);
  });
});
