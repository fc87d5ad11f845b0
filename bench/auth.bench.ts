/**
 * Customer sign-in benchmark, over real HTTP into a whole demo gateway on the embedded engine:
 *   node --import @swc-node/register/esm-register bench/auth.bench.ts
 * Latency of successful sign-ins (argon2id verify + session + audit event + cookie), alone and
 * four at a time, and how far apart the answers for an unknown address and for a known address
 * with a wrong password are in time (they must not be told apart).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../core/logger.js';
import { emptyMfa } from '../domain/accounts/account.types.js';
import { PASSWORD_HASH_OPTIONS } from '../domain/accounts/password-hasher.js';
import { parseConfig } from '../gateway/config.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const PASSWORD = 'Bench-Lantaarn-Zeepbel-47';
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { status } }`;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const median = (values: number[]) => percentile(values, 50);

let clientCounter = 0;
/** Each request comes from its own client address (the gateway trusts X-Forwarded-For from loopback), so the per-IP limit measures nothing here. */
const nextClient = () => `10.${(++clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;

async function timedSignIn(gateway: RunningGateway, email: string, password: string): Promise<{ ms: number; code: string }> {
  const started = performance.now();
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', 'x-forwarded-for': nextClient() },
    body: JSON.stringify({ query: SIGN_IN, variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as {
    data?: { signIn?: { status: string } };
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  const ms = performance.now() - started;
  return { ms, code: body.data?.signIn?.status ?? body.errors?.[0]?.extensions?.code ?? 'UNKNOWN' };
}

async function createAccounts(gateway: RunningGateway, count: number): Promise<string[]> {
  const passwordHash = await gateway.services.passwordHasher.hash(PASSWORD);
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench.${i}.${randomUUID().slice(0, 6)}@example.nl`;
    const now = new Date();
    await gateway.services.accounts.repository.create({
      id: randomUUID(),
      tenantId: 'demo',
      email,
      type: 'B2C',
      status: 'ACTIVE',
      clientId: DEMO.demo.noAccount.sophieVisser.clientId,
      contactId: null,
      locale: 'nl',
      passwordHash,
      passwordChangedAt: now,
      mfa: emptyMfa(),
      failuresResetAt: null,
      invitedBy: 'bench',
      createdAt: now,
      activatedAt: now,
      lastSignInAt: null,
    });
    emails.push(email);
  }
  return emails;
}

export async function runAuthBench(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-auth-bench-'));
  const database = await startEmbeddedDatabase({ binary: await ensureFerretDbBinary(log), dataDir: path.join(dataDir, 'db') });
  const config = parseConfig({
    MONGODB_URI: database.uri,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const gateway = await startGateway(config, { dbName: 'auth_bench', logger: createLogger({ level: 'silent' }) });
  const rows: BenchRow[] = [];
  try {
    const [account, ...others] = await createAccounts(gateway, 26);
    // Their own accounts: parallel attempts at one address count against each other (lockout).
    const crowd = await createAccounts(gateway, 100);
    const params = `argon2id m=${PASSWORD_HASH_OPTIONS.memoryCost / 1024} MiB, t=${PASSWORD_HASH_OPTIONS.timeCost}, p=${PASSWORD_HASH_OPTIONS.parallelism}`;
    log(`sign-in benchmark (${params})`);

    for (let i = 0; i < 5; i++) await timedSignIn(gateway, account!, PASSWORD); // warm-up
    const sequential: number[] = [];
    for (let i = 0; i < 60; i++) {
      const { ms, code } = await timedSignIn(gateway, account!, PASSWORD);
      if (code !== 'SIGNED_IN') throw new Error(`sign-in failed: ${code}`);
      sequential.push(ms);
    }
    rows.push({ name: `sign-in p50, one at a time (${params})`, value: round(median(sequential)), unit: 'ms', goal: '≤ 60' });
    rows.push({ name: 'sign-in p95, one at a time', value: round(percentile(sequential, 95)), unit: 'ms', goal: '≤ 400' });

    const concurrent: number[] = [];
    for (let round_ = 0; round_ < 15; round_++) {
      const batch = await Promise.all(others.slice(0, 4).map((email) => timedSignIn(gateway, email, PASSWORD)));
      for (const { ms, code } of batch) {
        if (code !== 'SIGNED_IN') throw new Error(`sign-in failed: ${code}`);
        concurrent.push(ms);
      }
    }
    rows.push({ name: 'sign-in p50, 4 at a time', value: round(median(concurrent)), unit: 'ms' });
    rows.push({ name: 'sign-in p95, 4 at a time', value: round(percentile(concurrent, 95)), unit: 'ms' });

    // 100 sign-ins at once: they queue for the hashing pool, so the hashes running at once (and
    // the memory they hold, 19 MiB each) stay at the pool's size instead of growing with the burst.
    const pool = gateway.services.passwordHasher.pool;
    pool.peak = 0;
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 5);
    const burstStarted = performance.now();
    const burst = await Promise.all(crowd.map((email) => timedSignIn(gateway, email, PASSWORD)));
    const burstMs = performance.now() - burstStarted;
    clearInterval(sampler);
    const refused = burst.filter((r) => r.code !== 'SIGNED_IN').map((r) => r.code);
    if (refused.length) throw new Error(`${refused.length} sign-ins of the burst failed: ${[...new Set(refused)].join(', ')}`);
    rows.push({
      name: `100 sign-ins at once: hashes running at once (pool of ${pool.size})`,
      value: pool.peak,
      unit: 'hashes',
      goal: `≤ ${pool.size}`,
    });
    rows.push({
      name: '100 sign-ins at once: RSS growth',
      value: round((rssPeak - rssBefore) / 1024 / 1024),
      unit: 'MB',
      // The pool's hashes (19 MiB each) plus 100 requests in flight; 100 unbounded hashes would need 1.9 GB.
      goal: `≤ ${pool.size * 19 + 100}`,
    });
    rows.push({ name: '100 sign-ins at once: all answered', value: round(burstMs), unit: 'ms' });

    // Interleaved, so drift in the machine's load hits both kinds alike. Each known address gets
    // four wrong passwords at most: a fifth would lock it, and a locked address skips argon2.
    const unknown: number[] = [];
    const known: number[] = [];
    const targets = others.slice(4);
    for (let i = 0; i < targets.length * 4; i++) {
      const wrong = await timedSignIn(gateway, targets[i % targets.length]!, `Wrong-Password-${i}`);
      const missing = await timedSignIn(gateway, `nobody.${i}.${randomUUID().slice(0, 6)}@example.nl`, `Wrong-Password-${i}`);
      if (wrong.code !== 'INVALID_CREDENTIALS' || missing.code !== 'INVALID_CREDENTIALS')
        throw new Error(`unexpected answers ${wrong.code} / ${missing.code}`);
      known.push(wrong.ms);
      unknown.push(missing.ms);
    }
    rows.push({ name: `wrong password, known address p50 (n=${known.length})`, value: round(median(known)), unit: 'ms' });
    rows.push({ name: `unknown address p50 (n=${unknown.length})`, value: round(median(unknown)), unit: 'ms' });
    const delta = median(unknown) - median(known);
    rows.push({ name: 'timing gap unknown − known (p50)', value: round(delta, 2), unit: 'ms', goal: '|gap| ≤ 5' });
    rows.push({
      name: 'timing gap relative to p50',
      value: round((Math.abs(delta) / median(known)) * 100, 1),
      unit: '%',
      goal: '≤ 5',
    });
    // Each pair ran back to back, so its difference is least disturbed by other load on the machine.
    const paired = unknown.map((ms, i) => ms - known[i]!);
    rows.push({
      name: 'timing gap, median of back-to-back pairs',
      value: round(median(paired), 2),
      unit: 'ms',
      goal: '|gap| ≤ 5',
    });
    return rows;
  } finally {
    await gateway.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runAuthBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit.padEnd(4)} ${row.goal ? `goal ${row.goal}` : ''}\n`,
    );
  }
}
