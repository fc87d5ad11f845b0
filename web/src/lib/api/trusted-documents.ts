import { makeOperation, mapExchange, type Exchange, type Operation } from '@urql/core';

/** What codegen's `persistedDocuments` option embeds in every generated operation (codegen.ts). */
interface HashedDocument {
  __meta__?: { hash?: string };
}

/**
 * Sends each generated operation as its hash instead of its text, in Apollo's persisted-query
 * shape (`extensions.persistedQuery.sha256Hash`), which urql's fetch exchange already knows to
 * send without `query`. The gateway answers only hashes in its trusted list and never learns a
 * new one from a client; a gateway that requires trusted documents from browsers refuses raw text,
 * so an operation written outside codegen fails loudly instead of working by accident.
 */
export const trustedDocumentsExchange: Exchange = mapExchange({
  onOperation(operation: Operation) {
    if (operation.kind === 'teardown') return operation;
    const hash = (operation.query as HashedDocument).__meta__?.hash;
    if (!hash) return operation;
    return makeOperation(operation.kind, {
      ...operation,
      extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
    });
  },
});
