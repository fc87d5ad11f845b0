import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { checkNextcloudSettings, type CandidateNextcloud } from './nextcloud-check.js';

/** The live check `portal tenant add/update` runs before storing settings (real simulator). */
describe('checkNextcloudSettings', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
  });
  const candidate = (changes: Partial<CandidateNextcloud> = {}): CandidateNextcloud => ({
    tenantId: 'demo',
    baseUrl: simulator.instance('demo').url,
    loginName: DEMO.users.service.login,
    appPassword: DEMO.users.service.appPassword,
    register: 'pipelinq',
    schemas: {},
    ...changes,
  });

  it('accepts working settings and names the service account', async () => {
    expect(await checkNextcloudSettings(candidate())).toMatchObject({ ok: true, user: { id: DEMO.users.service.login } });
  });

  it('refuses a wrong app password, an unknown schema, an address that is no Nextcloud URL and one that does not answer', async () => {
    const wrongPassword = await checkNextcloudSettings(candidate({ appPassword: 'Not-The-Secret-42' }));
    expect(wrongPassword).toMatchObject({ ok: false, reason: expect.stringMatching(/rejected/) });
    expect(JSON.stringify(wrongPassword)).not.toContain('Not-The-Secret-42');

    const unknownSchema = await checkNextcloudSettings(candidate({ schemas: { client: 'no-such-schema' } }));
    expect(unknownSchema).toMatchObject({ ok: false, reason: expect.stringContaining('no-such-schema') });

    expect(await checkNextcloudSettings(candidate({ baseUrl: 'ftp://cloud.example.nl' }))).toEqual({
      ok: false,
      reason: 'the Nextcloud base URL must be http(s)',
    });

    expect(await checkNextcloudSettings(candidate({ baseUrl: 'http://127.0.0.1:9' }), { timeoutMs: 1_000 })).toEqual({
      ok: false,
      reason: 'Nextcloud at http://127.0.0.1:9 could not be reached or answered with an error (refused, timed out or 5xx)',
    });
  });

  it('refuses a register that lacks a schema the portal needs, even when no schema is named', async () => {
    const demo = simulator.instance('demo').data;
    const register = demo.registers.find((r) => r.slug === 'pipelinq')!;
    const contract = demo.schemas.find((s) => s.slug === 'contract')!.id;
    const before = register.schemas;
    register.schemas = before.filter((id) => id !== contract);
    try {
      expect(await checkNextcloudSettings(candidate())).toEqual({
        ok: false,
        reason: expect.stringMatching(/^register 'pipelinq' has no schema for 'contract'/),
      });
    } finally {
      register.schemas = before;
    }
  });

  it('gives up on a Nextcloud slower than the timeout, after one retry', async () => {
    const demo = simulator.instance('demo');
    demo.setFaults({ latencyMs: 700 });
    try {
      expect(await checkNextcloudSettings(candidate(), { timeoutMs: 300 })).toMatchObject({
        ok: false,
        reason: expect.stringContaining('could not be reached'),
      });
    } finally {
      demo.resetFaults();
    }
    // A dropped connection is worth one retry, not more: the admin is waiting.
    demo.setFaults({ down: true });
    demo.clearCalls();
    try {
      expect(await checkNextcloudSettings(candidate())).toMatchObject({ ok: false });
      expect(demo.calls().filter((call) => call.path.includes('cloud/user'))).toHaveLength(2);
    } finally {
      demo.resetFaults();
    }
  });
});
