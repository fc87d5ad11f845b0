#!/usr/bin/env node
// Entry point of `npx portal …` and `npm start`. The gateway runs from its TypeScript sources:
// SWC compiles them on load and, unlike esbuild, emits the decorator metadata type-graphql needs.
await import('@swc-node/register/esm-register');
const { runCli } = await import('../gateway/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
