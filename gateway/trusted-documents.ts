import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerOptionsWithSchema } from '@apollo/server';
import { parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../core/paths.js';

/** The web app's operations, hash → text, written by codegen (codegen.ts) and committed. */
export const WEB_MANIFEST_FILE = path.join(projectRoot, 'web', 'src', 'gql', 'persisted-documents.json');

type PersistedQueryOptions = Exclude<NonNullable<ApolloServerOptionsWithSchema<object>['persistedQueries']>, false>;
type PersistedQueryStore = NonNullable<PersistedQueryOptions['cache']>;

/** Hex sha256 of a document's exact text: the identity Apollo's persisted-query shape uses. */
export const documentHashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The list of GraphQL documents this gateway trusts: the web app's operations, loaded once at
 * start-up from the manifest codegen writes. It is read only at run time — unlike Apollo's
 * automatic persisted queries, no client can add a document — so a hash that is not here is
 * refused (trusted-documents-gate.ts) rather than learnt.
 */
export class TrustedDocuments {
  private constructor(private readonly textByHash: ReadonlyMap<string, string>) {}

  /**
   * Reads a manifest and checks every entry before the gateway serves anything: a key that is
   * not the sha256 of its text would make the web app's requests fail one by one, and a document
   * the schema no longer accepts means the web app and the schema were built apart.
   */
  static load(file: string, schema: GraphQLSchema): TrustedDocuments {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
      throw new Error(`${file}: expected an object of hash → document text`);
    }
    const textByHash = new Map<string, string>();
    for (const [key, text] of Object.entries(manifest)) {
      // Codegen writes the GraphQL-over-HTTP identifier form, `sha256:<hex>`; the wire carries the hex.
      const hash = key.replace(/^sha256:/, '');
      if (typeof text !== 'string' || documentHashOf(text) !== hash) {
        throw new Error(`${file}: entry ${key} is not the sha256 of its document; run npm run codegen`);
      }
      const errors = validate(schema, parse(text), specifiedRules);
      if (errors.length) {
        throw new Error(`${file}: entry ${key} does not fit the schema (${errors[0]!.message}); run npm run codegen`);
      }
      textByHash.set(hash, text);
    }
    return new TrustedDocuments(textByHash);
  }

  get size(): number {
    return this.textByHash.size;
  }

  has(hash: string): boolean {
    return this.textByHash.has(hash);
  }

  textOf(hash: string): string | undefined {
    return this.textByHash.get(hash);
  }

  /**
   * The list as Apollo's persisted-query store, so Apollo turns a known hash into its text itself
   * (and keys its parsed-document cache by that hash). Writes are dropped: Apollo would store a
   * document a client sent with its hash, and this list only ever holds the web app's documents.
   */
  asPersistedQueryStore(): PersistedQueryStore {
    return {
      // Apollo prefixes the keys of the store it is given ("apq:<hash>").
      get: async (key) => this.textOf(key.slice(key.lastIndexOf(':') + 1)),
      set: async () => {},
      delete: async () => false,
    };
  }
}
