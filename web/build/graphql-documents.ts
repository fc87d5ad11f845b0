import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const VIRTUAL = 'portal-document:';
const CALL = /\bgraphql\(\s*`([\s\S]*?)`\s*\)/g;
const DEFINITION = /\b(query|mutation|subscription|fragment)\s+([A-Za-z_][A-Za-z0-9_]*)/;
/** Codegen writes each document on one line: `export const XDocument = {…} as unknown as DocumentNode<…>;` */
const GENERATED = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;

/**
 * Replaces each `graphql(`…`)` call of the web app by an import of just the document codegen
 * generated for it (`InvoicesDocument`, `ViewerFieldsFragmentDoc`), each a module of its own.
 * The client preset's `graphql()` looks documents up in one map of every operation in the app,
 * and even named imports from gql/graphql.ts would land in one shared chunk; one module per
 * document lets the bundler keep each with the page that uses it, so the sign-in page does not
 * carry the admin panel's queries. A call whose document is not found is left as it was (then
 * the map still works, only heavier), so a stale codegen never breaks the build.
 */
export function graphqlDocuments(generatedFile: string): Plugin {
  let documents = new Map<string, string>();

  return {
    name: 'portal-graphql-documents',
    enforce: 'pre',
    buildStart() {
      const source = readFileSync(generatedFile, 'utf8');
      documents = new Map([...source.matchAll(GENERATED)].map((match) => [match[1]!, match[2]!]));
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const json = documents.get(id.slice(VIRTUAL.length + 1));
      return json ? `export default ${json};` : null;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!/\/web\/src\//.test(file) || file.includes('/web/src/gql/') || !/\.(ts|svelte)$/.test(file)) return null;
      if (!code.includes('graphql(')) return null;
      const imports = new Set<string>();
      const replaced = code.replace(CALL, (call, body: string) => {
        const definition = DEFINITION.exec(body);
        if (!definition) return call;
        const [, kind, name] = definition;
        const exportName = kind === 'fragment' ? `${name}FragmentDoc` : `${name}Document`;
        if (!documents.has(exportName)) return call;
        imports.add(exportName);
        return `__portalDoc_${exportName}`;
      });
      if (imports.size === 0) return null;
      const statements = [...imports]
        .map((name) => `import __portalDoc_${name} from ${JSON.stringify(VIRTUAL + name)};\n`)
        .join('');
      if (file.endsWith('.svelte')) {
        const script = /<script\b[^>]*>/.exec(replaced);
        if (!script) return null;
        const at = script.index + script[0].length;
        return { code: `${replaced.slice(0, at)}\n${statements}${replaced.slice(at)}`, map: null };
      }
      return { code: statements + replaced, map: null };
    },
  };
}
