/**
 * The web app's weight and first paint, measured in Debian's Chromium against a whole demo gateway:
 *   node --import @swc-node/register/esm-register bench/web.bench.ts
 * Initial JS for the signed-out /portal/ (the scripts a real page load fetches, summed at their
 * gzip size), LCP on localhost, whether every built asset is served with a Content-Encoding, and
 * whether source maps stay private (404).
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createLogger } from '../core/logger.js';
import { projectRoot } from '../core/paths.js';
import { parseConfig } from '../gateway/config.js';
import { startGateway } from '../gateway/server.js';
import { ensureWebBundle } from '../gateway/web-bundle.js';
import { ensureChromium } from '../scripts/chromium.mjs';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const LOADS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One raw GET (node's fetch would decode the body): status, headers and the bytes on the wire. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; encoding?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], bytes }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** A fresh phone-sized page load of the signed-out portal: the scripts it fetched and its LCP. */
async function loadSignedOut(browser: Browser, url: string): Promise<{ scripts: string[]; lcpMs: number }> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const store = window as unknown as { __lcp: number };
      store.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) store.__lcp = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${url}/portal/`);
    await page.locator('#portal-email').waitFor();
    await page.waitForTimeout(300);
    return await page.evaluate(() => ({
      scripts: performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((name) => name.endsWith('.js')),
      lcpMs: (window as unknown as { __lcp: number }).__lcp,
    }));
  } finally {
    await context.close();
  }
}

export async function runWebBench(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<BenchRow[]> {
  // Like `npm test`: a fresh machine gets Debian's Chromium first (or a reason naming the fix).
  const chromiumFound = ensureChromium({ log });
  if (chromiumFound.problem) throw new Error(chromiumFound.problem);
  const executablePath = chromiumFound.path;
  const logger = createLogger({ level: 'warn', destination: process.stderr });
  await ensureWebBundle(logger);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-web-bench-'));
  const database = await startEmbeddedDatabase({ binary: await ensureFerretDbBinary(log), dataDir: path.join(dataDir, 'db') });
  const config = parseConfig({
    MONGODB_URI: database.uri,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const gateway = await startGateway(config, { dbName: 'web_bench', logger: createLogger({ level: 'silent' }) });
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const rows: BenchRow[] = [];
  try {
    await loadSignedOut(browser, gateway.url); // warm-up: the gateway's first answers
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadSignedOut(browser, gateway.url));
    const scripts = [...new Set(loads.flatMap((load) => load.scripts))];
    let gzipBytes = 0;
    for (const script of scripts) gzipBytes += (await rawGet(`${gateway.url}${script}`, 'gzip')).bytes;
    log(`signed-out /portal/ loads ${scripts.length} scripts`);
    rows.push({
      name: `initial JS for /portal/ signed out (gzip, ${scripts.length} scripts)`,
      value: round(gzipBytes / 1024),
      unit: 'KiB',
      goal: '≤ 60',
    });
    rows.push({
      name: `LCP of /portal/ on localhost (median of ${LOADS}, 390×844)`,
      value: Math.round(median(loads.map((load) => load.lcpMs))),
      unit: 'ms',
      goal: '≤ 800',
    });

    const assets = readdirSync(path.join(projectRoot, 'web', 'dist', 'assets')).filter((name) => !/\.(br|gz)$/.test(name));
    let encoded = 0;
    for (const asset of assets) {
      const answer = await rawGet(`${gateway.url}/portal/assets/${asset}`, 'gzip, deflate, br');
      if (answer.status === 200 && answer.encoding) encoded++;
    }
    rows.push({
      name: `assets served with Content-Encoding (${encoded} of ${assets.length})`,
      value: round((encoded / assets.length) * 100),
      unit: '%',
      goal: '≥ 100',
    });

    const maps = [...scripts.map((script) => `${script}.map`), '/portal/assets/index.js.map', '/portal/index.js.map'];
    let hidden = 0;
    for (const map of maps) if ((await rawGet(`${gateway.url}${map}`, 'identity')).status === 404) hidden++;
    rows.push({
      name: `.map requests answered 404 (${hidden} of ${maps.length})`,
      value: round((hidden / maps.length) * 100),
      unit: '%',
      goal: '≥ 100',
    });
    return rows;
  } finally {
    await browser.close();
    await gateway.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await runWebBench())
    process.stdout.write(`${row.name}: ${row.value} ${row.unit}${row.goal ? ` (goal ${row.goal})` : ''}\n`);
  process.exit(0);
}
