import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { anonymous, type Principal } from '../domain/principal.js';
import { admitDocument, requireBearerCaller } from './trusted-documents-gate.js';
import { documentHashOf, TrustedDocuments } from './trusted-documents.js';

const TRUSTED = 'query Hello { hello }';
const OTHER = '{ hello }';

function trustedList(entries: Record<string, string> = { [`sha256:${documentHashOf(TRUSTED)}`]: TRUSTED }) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'trusted-')), 'manifest.json');
  writeFileSync(file, JSON.stringify(entries));
  return TrustedDocuments.load(file, buildSchema('type Query { hello: String }'));
}
const documents = trustedList();

const post = (body: unknown) => ({ method: 'POST', body, originalUrl: '/graphql' });
const get = (search: string) => ({ method: 'GET', body: undefined, originalUrl: `/graphql?${search}` });
const hashed = (hash: unknown, query?: string) =>
  post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const refusal = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { extensions: { code: string; http: { status: number } } }).extensions;
  }
};

describe('admitDocument', () => {
  it('admits a trusted hash, or the exact trusted text, from anyone', () => {
    for (const mode of ['allow-raw', 'require-for-browsers'] as const) {
      expect(admitDocument(hashed(documentHashOf(TRUSTED)), documents, mode)).toBe('any-caller');
      expect(admitDocument(post({ query: TRUSTED }), documents, mode)).toBe('any-caller');
      expect(admitDocument(hashed(documentHashOf(TRUSTED), TRUSTED), documents, mode)).toBe('any-caller');
    }
  });

  it('asks for a Bearer caller for other text only where required', () => {
    expect(admitDocument(post({ query: OTHER }), documents, 'allow-raw')).toBe('any-caller');
    expect(admitDocument(post({ query: OTHER }), documents, 'require-for-browsers')).toBe('bearer-caller');
    expect(admitDocument(hashed(documentHashOf(OTHER), OTHER), documents, 'require-for-browsers')).toBe('bearer-caller');
    expect(admitDocument(get(`query=${encodeURIComponent(OTHER)}`), documents, 'require-for-browsers')).toBe('bearer-caller');
  });

  it('counts repeated GET query parameters as text, never as a trusted document', () => {
    const twice = `query=${encodeURIComponent(TRUSTED)}&query=${encodeURIComponent(TRUSTED)}`;
    expect(admitDocument(get(twice), documents, 'require-for-browsers')).toBe('bearer-caller');
  });

  it('refuses unknown hashes, mismatches and malformed extensions with stable codes', () => {
    expect(refusal(() => admitDocument(hashed('f'.repeat(64)), documents, 'allow-raw'))).toMatchObject({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      http: { status: 400 },
    });
    expect(refusal(() => admitDocument(hashed(documentHashOf(TRUSTED), OTHER), documents, 'allow-raw'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(refusal(() => admitDocument(hashed(undefined, OTHER), documents, 'allow-raw'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(refusal(() => admitDocument(hashed(documentHashOf(TRUSTED), ''), documents, 'allow-raw'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('leaves requests without any document to Apollo', () => {
    expect(admitDocument(post([{ query: OTHER }]), documents, 'require-for-browsers')).toBe('any-caller');
    expect(admitDocument(post(undefined), documents, 'require-for-browsers')).toBe('any-caller');
  });
});

describe('requireBearerCaller', () => {
  const partner: Principal = {
    kind: 'partner',
    tenantId: 't',
    accountId: 'a',
    tokenId: 'k',
    scopes: [],
    clientId: 'c',
    contactId: null,
  };
  const staff: Principal = { kind: 'staff', tenantId: 't', loginName: 'dpo', roles: ['DPO'], sessionId: 's' };
  const customer: Principal = {
    kind: 'customer',
    tenantId: 't',
    accountId: 'a',
    accountType: 'B2C',
    sessionId: 's',
    enrolmentOnly: false,
    clientId: 'c',
    contactId: null,
  };

  it('passes partner tokens and staff Bearer tokens only', () => {
    expect(refusal(() => requireBearerCaller(partner, 'cookie'))).toBeNull();
    expect(refusal(() => requireBearerCaller(staff, 'bearer'))).toBeNull();
    for (const [principal, via] of [
      [staff, 'cookie'],
      [customer, 'bearer'],
      [customer, 'cookie'],
      [anonymous, 'bearer'],
    ] as const) {
      expect(refusal(() => requireBearerCaller(principal, via))).toMatchObject({
        code: 'TRUSTED_DOCUMENT_REQUIRED',
        http: { status: 403 },
      });
    }
  });
});

describe('TrustedDocuments.load', () => {
  it('refuses a manifest whose key is not the hash of its text', () => {
    expect(() => trustedList({ [`sha256:${documentHashOf(OTHER)}`]: TRUSTED })).toThrow(/not the sha256 of its document/);
  });

  it('refuses a manifest with a document the schema does not accept', () => {
    const stale = '{ goodbye }';
    expect(() => trustedList({ [`sha256:${documentHashOf(stale)}`]: stale })).toThrow(/does not fit the schema/);
  });

  it('answers Apollo by hash and ignores writes', async () => {
    const store = documents.asPersistedQueryStore();
    expect(await store.get(`apq:${documentHashOf(TRUSTED)}`)).toBe(TRUSTED);
    await store.set(`apq:${documentHashOf(OTHER)}`, OTHER);
    expect(await store.get(`apq:${documentHashOf(OTHER)}`)).toBeUndefined();
  });
});
