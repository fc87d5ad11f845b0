import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import type { Logger } from '../core/logger.js';
import { projectRoot } from '../core/paths.js';

const distDir = path.join(projectRoot, 'web', 'dist');
const indexFile = path.join(distDir, 'index.html');

/** The newest modification time among the web sources (web/src, index.html, vite config). */
function newestSourceMtime(): number {
  const webDir = path.join(projectRoot, 'web');
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(webDir, 'src'));
  for (const file of ['index.html', 'vite.config.ts']) newest = Math.max(newest, statSync(path.join(webDir, file)).mtimeMs);
  return newest;
}

/**
 * Builds the Svelte bundle when it is missing or older than its sources, so `npm start` works on
 * a fresh checkout and never serves a stale portal after an edit.
 */
export async function ensureWebBundle(logger: Logger): Promise<void> {
  if (existsSync(indexFile) && statSync(indexFile).mtimeMs >= newestSourceMtime()) return;
  logger.info('building the web bundle (web/dist)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code}):\n${output.slice(-2000)}`)),
    );
  });
}

/**
 * The portal's static files under /portal/. Hashed assets are cached for a year; the HTML shell
 * is never cached, so a deploy takes effect at the next page load. Unknown paths below /portal/
 * get the shell, where the client-side router takes over.
 */
export function webRouter(): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    next();
  });
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(indexFile)) return res.status(503).type('text/plain').send('The web bundle is not built yet.');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
