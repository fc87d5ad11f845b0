import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../core/logger.js';
import { projectRoot } from '../core/paths.js';
import { pageExists } from '../web/src/routes/route-table.js';
import { pickEncoding } from './content-encoding.js';
import { requireTenant } from './tenant-middleware.js';

const distDir = path.join(projectRoot, 'web', 'dist');
const indexFile = path.join(distDir, 'index.html');

/** The newest modification time among the web sources (web/src, index.html, the vite config and its plugins). */
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
  visit(path.join(webDir, 'build'));
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
        // Always the production build: a test run (NODE_ENV=test) would otherwise get Svelte's
        // development runtime, a heavier bundle than the one people are served.
        env: { ...process.env, NODE_ENV: 'production' },
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

/** The text files of the build; the precompress step (web/build/precompress.ts) wrote .br/.gz beside them. */
const TEXT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Sends `file`, or its precompressed twin when the browser accepts one, with the original's type.
 * `Vary` tells caches that the answer depends on Accept-Encoding, also when it is not encoded.
 */
function sendBuilt(req: Request, res: Response, file: string, cacheControl: string, status = 200): void {
  const type = TEXT_TYPES[path.extname(file)];
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', cacheControl);
  let body = file;
  if (type) {
    res.setHeader('Content-Type', type);
    const available = (['br', 'gzip'] as const).filter((encoding) => existsSync(`${file}${ENCODED_SUFFIX[encoding]}`));
    const encoding = pickEncoding(req.get('accept-encoding'), available);
    if (encoding) {
      res.setHeader('Content-Encoding', encoding);
      body = `${file}${ENCODED_SUFFIX[encoding]}`;
    }
  }
  res.status(status);
  // `send` keeps a Content-Type already set; the no-cache shell must not get 304s keyed on
  // another status (a 404 shell and the 200 shell are the same file).
  res.sendFile(body, { cacheControl: false, lastModified: status === 200, etag: status === 200 });
}

const ENCODED_SUFFIX = { br: '.br', gzip: '.gz' } as const;

const plainNotFound = (res: Response) => res.status(404).type('text/plain').send('Not found.');

/**
 * The portal's static files under /portal/. Hashed assets are cached for a year and served
 * precompressed (brotli or gzip); the HTML shell is never cached, so a deploy takes effect at the
 * next page load. Source maps are never served (the build writes none; a stray one stays private).
 * Every other path below /portal/ gets the shell, where the client-side router takes over, with
 * the status the route table gives it (web/src/routes/route-table.ts): 200 for a page of this
 * tenant's portal, 404 for an unknown address or a part the tenant switched off, so crawlers,
 * monitors and link checkers see what a person sees.
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
  router.use((req, res, next) => (req.path.endsWith('.map') ? plainNotFound(res) : next()));
  router.use('/assets', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plainNotFound(res);
    const assetsDir = path.join(distDir, 'assets');
    const file = path.join(assetsDir, path.normalize(decodeURIComponent(req.path)));
    // Hashed names only: no folders, no way out of assets/, and never the .br/.gz twins by name.
    const inside = path.dirname(file) === assetsDir && !/\.(br|gz)$/.test(file);
    if (!inside || !existsSync(file) || !statSync(file).isFile()) return plainNotFound(res);
    sendBuilt(req, res, file, 'public, max-age=31536000, immutable');
  });
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(indexFile)) return res.status(503).type('text/plain').send('The web bundle is not built yet.');
    const tenant = requireTenant(req);
    const status = pageExists(req.path, tenant.portal.enabledFeatures) ? 200 : 404;
    sendBuilt(req, res, indexFile, 'no-cache', status);
  });
  return router;
}
