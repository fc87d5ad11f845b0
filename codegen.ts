import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for the web app's operations, generated from the committed schema. Run `npm run codegen`
// after changing an operation or the schema; CI fails when web/src/gql drifts.
//
// persistedDocuments: every operation gets the sha256 of its printed text (embedded in the
// document as `__meta__.hash`), and persisted-documents.json maps hash → text. The web app sends
// only the hash; the gateway loads that file as its list of trusted documents
// (gateway/trusted-documents.ts). sha256 because that is what Apollo's persisted-query wire
// shape names and checks.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.svelte', 'web/src/**/*.ts', '!web/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      // DateTime travels as an ISO 8601 string; JSON (audit details) stays unknown until inspected.
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
    },
  },
};

export default config;
