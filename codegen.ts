import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for the web app's operations, generated from the committed schema. Run `npm run codegen`
// after changing an operation or the schema; CI fails when web/src/gql drifts.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.svelte', 'web/src/**/*.ts', '!web/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      // DateTime travels as an ISO 8601 string; JSON (audit details) stays unknown until inspected.
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
