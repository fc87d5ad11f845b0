import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { DEMO, startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, uniqueDatabaseName } from '../test/db.js';
import { linkIn, parseMail } from '../test/smtp.js';
import { parseConfig } from './config.js';
import { startGateway, type RunningGateway } from './server.js';

const run = promisify(execFile);

/** The README's blocks marked `going-live`, in order: ```sh going-live / ```graphql going-live. */
function guideBlocks(): Array<{ kind: string; body: string }> {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/^( *)```(\w+) going-live\n([\s\S]*?)^\1```$/gm)].map((match) => ({
    kind: match[2]!,
    body: match[3]!
      .split('\n')
      .map((line) => line.slice(match[1]!.length))
      .join('\n')
      .trim(),
  }));
}

/**
 * README "Going live", replayed as an operator would: a production-mode gateway against the
 * simulator (Pipelinq's real register), the guide's commands and GraphQL in order, then the
 * invited customer activates, signs in and sees her records. Fails when guide and product drift.
 */
describe('README "Going live"', () => {
  const dbName = uniqueDatabaseName('golive');
  const secretKey = 'going-live-secret-key-0123456789abcdef-0123';
  let simulator: Simulator;
  let dataDir: string;
  let env: Record<string, string>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    simulator = await startSimulator();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-golive-'));
    env = {
      NODE_ENV: 'production',
      MONGODB_URI: `${testMongoUri()}/${dbName}`,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://portaal.example.nl',
      NEXTCLOUD_URL: simulator.instance('demo').url,
      NEXTCLOUD_USER: DEMO.users.service.login,
      NEXTCLOUD_APP_PASSWORD: DEMO.users.service.appPassword,
      PORTAL_SECRET_KEY: secretKey,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    gateway = await startGateway(parseConfig(env), { dbName, logger: createLogger({ level: 'silent' }), jobs: { start: false } });
  });
  afterAll(async () => {
    await gateway?.connection.dropDatabase().catch(() => {});
    await gateway?.close();
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field below
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  }

  async function portal(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, ...env },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('works as written, up to the invited customer seeing her records', async () => {
    const blocks = guideBlocks();
    expect(blocks.map((block) => block.kind)).toEqual(['sh', 'graphql', 'graphql', 'graphql']);

    const signIn = await graphql(
      'mutation ($input: StaffSignInInput!) { staffSignIn(input: $input) { token } }',
      { input: { tenantId: 'default', loginName: 'admin', appPassword: 'demo-admin-app-password' } },
      { 'x-portal-tenant': 'default' },
    );
    const staff = { authorization: `Bearer ${signIn.data?.staffSignIn.token}`, 'x-portal-tenant': 'default' };
    const sophie = DEMO.demo.noAccount.sophieVisser;

    for (const block of blocks) {
      if (block.kind === 'sh') {
        for (const line of block.body.split('\n').filter((l) => l.startsWith('npx portal '))) {
          const result = await portal(line.replace(/^npx portal /, '').split(/\s+/));
          expect({ line, code: result.code, stderr: result.stderr }).toEqual({ line, code: 0, stderr: '' });
        }
      } else {
        const answer = await graphql(block.body.replace('<client id>', sophie.clientId), {}, staff);
        expect({ block: block.body, errors: answer.errors }).toEqual({ block: block.body, errors: undefined });
      }
    }

    // The invitation mail, from the tenant's sender, with the activation link.
    const outbox = path.join(dataDir, 'outbox');
    const mails = readdirSync(outbox).map((file) => parseMail(readFileSync(path.join(outbox, file))));
    const invitation = mails.find((mail) => mail.to.includes('sophie@example.nl'))!;
    expect(invitation.from).toBe('Bakkerij Bakker <portaal@bakker.example>');
    const token = new URL(linkIn(invitation, '/portal/activate')).searchParams.get('token');
    const password = 'Going-Live-2026!';
    expect(
      (
        await graphql('mutation ($t: String!, $p: String!) { activateAccount(token: $t, password: $p) }', {
          t: token,
          p: password,
        })
      ).errors,
    ).toBeUndefined();

    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-tenant': 'default' },
      body: JSON.stringify({
        query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
        variables: { input: { email: 'sophie@example.nl', password } },
      }),
    });
    expect(((await response.json()) as { data: { signIn: { status: string } } }).data.signIn.status).toBe('SIGNED_IN');
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const lists = await graphql(
      '{ portal { displayName } invoices { totalCount } contracts { totalCount } requests { totalCount } }',
      {},
      { cookie, 'x-portal-tenant': 'default' },
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data?.portal.displayName).toBe('Bakkerij Bakker');
    expect(lists.data?.invoices.totalCount).toBeGreaterThan(0);
  });
});
