import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { graphqlDocuments } from './build/graphql-documents.ts';
import { precompress } from './build/precompress.ts';

// The portal is served by the gateway under /portal/; the bundle goes to web/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  plugins: [graphqlDocuments(fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url))), svelte(), precompress()],
  // The same `$lib` alias as web/tsconfig.json's paths (svelte-check and tsc read it there).
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  // No source maps in the bundle: the gateway serves web/dist to anyone, and a map would publish
  // the app's sources; it also answers .map requests with 404 (gateway/web-bundle.ts).
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A chunk named after a module "graphql" would have a URL that looks like the API's
        // (/graphql) to anything that watches requests by path.
        chunkFileNames: (chunk) => (/graphql/i.test(chunk.name) ? 'assets/operations-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
