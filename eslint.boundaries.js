// The import boundaries of the house (issue 11, item 4), as lint errors instead of prose.
// Each layer lists the top-level folders it must not reach; DESIGN.md's folder table is the source.
// Imports are relative specifiers ending in `.js`, so a regex on the specifier is enough: no
// resolver that understands the `.js` → `.ts` mapping is needed.

/** A relative specifier that climbs out to one of the top-level folders `names`. */
const climbsTo = (names, message) => ({ regex: `^(\\.\\./)+(${names.join('|')})/`, message });

/** Tests and test support may import product code, never the other way round. */
const testSupport = {
  regex: '(^|/)(test/|[^/]*(test-support|\\.test)(\\.[jt]s)?$)',
  message: 'Product code must not import tests or test support.',
};

/** Persistence stays behind domain services: the edges and jobs never touch a mongoose model. */
const models = {
  regex: '\\.model(\\.js)?$',
  message: 'Only domain/ uses *.model.ts; call a domain service (or domain/composition) instead.',
};

/** Folder → the folders it must not import. `gateway/` is the top: it may import everything. */
const layers = {
  'core/**': climbsTo(
    ['domain', 'gateway', 'resolvers', 'schema', 'nextcloud', 'store', 'jobs', 'web'],
    'core/ holds plain helpers and imports nothing else of ours.',
  ),
  'store/**': climbsTo(
    ['domain', 'gateway', 'resolvers', 'schema', 'nextcloud', 'jobs', 'web'],
    'store/ is the database edge: it may import core/ only.',
  ),
  'nextcloud/**': climbsTo(
    ['domain', 'gateway', 'resolvers', 'schema', 'store', 'jobs', 'web'],
    'nextcloud/ is the Nextcloud edge: it may import core/ only.',
  ),
  'domain/**': climbsTo(
    ['gateway', 'resolvers', 'schema', 'jobs', 'web'],
    'domain/ must not depend on a transport (gateway, resolvers, schema) or on jobs: pass in what it needs.',
  ),
  'jobs/**': climbsTo(['gateway', 'resolvers', 'schema', 'web'], 'jobs/ are thin calls into domain services.'),
  'schema/**': climbsTo(
    ['domain', 'gateway', 'resolvers', 'nextcloud', 'store', 'jobs', 'web'],
    'schema/ holds GraphQL types only.',
  ),
  'resolvers/**': climbsTo(['gateway', 'jobs', 'web'], 'Nothing imports gateway/: resolvers map GraphQL to domain calls.'),
  // The web app is built on its own; GraphQL types reach it through codegen (web/src/gql).
  'web/src/**': climbsTo(
    ['core', 'domain', 'gateway', 'resolvers', 'schema', 'nextcloud', 'store', 'jobs', 'bench', 'scripts', 'test'],
    'web/ may import web/src only.',
  ),
};

const tests = ['**/*.test.ts', 'test/**'];
const modelFree = new Set(['resolvers/**', 'jobs/**', 'schema/**']);
const testSupportFiles = ['**/test-support.ts', '**/*.test-support.ts'];

/** Flat-config blocks; a block's `no-restricted-imports` replaces an earlier one, so each carries all its patterns. */
export const boundaries = [
  {
    files: ['**/*.ts', '**/*.js'],
    ignores: [...tests, ...testSupportFiles, 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupport] }] },
  },
  ...Object.entries(layers).map(([folder, layer]) => ({
    files: [folder],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { patterns: [layer] }] },
  })),
  ...Object.entries(layers).map(([folder, layer]) => ({
    files: [folder],
    ignores: [...tests, ...testSupportFiles],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer, testSupport, ...(modelFree.has(folder) ? [models] : [])] }] },
  })),
  {
    files: ['gateway/**'],
    ignores: [...tests, ...testSupportFiles],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupport, models] }] },
  },
  {
    // End-to-end resolver tests mount the gateway's HTTP routes on purpose.
    files: ['resolvers/portal-data/test-support.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
