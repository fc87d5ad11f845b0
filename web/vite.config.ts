import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The portal is served by the gateway under /portal/; the bundle goes to web/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  plugins: [svelte()],
  // The same `$lib` alias as web/tsconfig.json's paths (svelte-check and tsc read it there).
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
