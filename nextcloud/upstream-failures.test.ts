import { describe, expect, it } from 'vitest';
import { BadUserInputError, ErrorCode, UpstreamUnavailableError } from '../core/errors.js';
import { captureLogs, failureOf } from './connector.test-support.js';
import { MalformedUpstreamResponseError, NextcloudConfigurationError } from './errors.js';
import type { UpstreamResponse } from './http-client.js';
import { UpstreamFailures } from './upstream-failures.js';

/**
 * How unexpected upstream answers reach clients (a stable code, a generic message) and operators
 * (a log line with the tenant and the real reason). Answers are built by hand: each status and
 * body shape here is one Nextcloud can send (reference §4), most of which the simulator has no
 * switch for.
 */
function failuresFor() {
  const logs = captureLogs();
  const rejected: NextcloudConfigurationError[] = [];
  const failures = new UpstreamFailures('t1', logs.logger, (error) => rejected.push(error));
  const warnings = (msg: string) => logs.lines().filter((l) => l.msg === msg && l.level === 40);
  return { failures, logs, rejected, warnings };
}

const answer = (status: number, json?: unknown): UpstreamResponse => ({
  status,
  headers: { get: () => null },
  json,
  body: null,
});

const thrownBy = (run: () => unknown) => failureOf(Promise.resolve().then(run));

describe('UpstreamFailures.call', () => {
  it('turns a 401 into a configuration error, logs it and reports the credentials as rejected', async () => {
    const { failures, rejected, warnings } = failuresFor();
    const error = await thrownBy(() => failures.call(answer(401), 'client', 'object list'));
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toBe('Nextcloud no longer accepts the service account credentials');
    expect(rejected).toEqual([error]);
    expect(warnings('nextcloud configuration error')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'client', reason: error.reason }),
    ]);
  });

  it.each([403, 404, 412])(
    'turns a %i into a configuration error naming the call, without blaming the credentials',
    async (status) => {
      const { failures, rejected, warnings } = failuresFor();
      const error = await thrownBy(() => failures.call(answer(status), 'invoice', 'object batch'));
      expect(error).toBeInstanceOf(NextcloudConfigurationError);
      expect(error.reason).toBe(`the service account cannot use object batch of 'invoice' (HTTP ${status})`);
      expect(rejected).toEqual([]);
      expect(warnings('nextcloud configuration error')).toHaveLength(1);
    },
  );

  it.each([400, 409, 500, 302])('treats a %i as an outage, logging the status for operators', async (status) => {
    const { failures, rejected, warnings } = failuresFor();
    const error = await thrownBy(() => failures.call(answer(status), 'client', 'object'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).not.toBeInstanceOf(NextcloudConfigurationError);
    expect(rejected).toEqual([]);
    expect(warnings('unexpected nextcloud answer')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'client', status, what: 'object' }),
    ]);
  });
});

describe('UpstreamFailures.write', () => {
  it.each([400, 422])('answers a refused write (%i) as the caller’s input, without the upstream message', async (status) => {
    const { failures, warnings } = failuresFor();
    const error = await thrownBy(() => failures.write(answer(status, { message: 'schema property x' }), 'request', 'create'));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.message).toBe('The records system did not accept these details.');
    expect(warnings('nextcloud refused a write')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'request', status, what: 'create' }),
    ]);
  });

  it('handles other refusals like any call: a 401 is configuration, a 500 an outage', async () => {
    const { failures, rejected } = failuresFor();
    expect(await thrownBy(() => failures.write(answer(401), 'request', 'create'))).toBeInstanceOf(NextcloudConfigurationError);
    expect(rejected).toHaveLength(1);
    const outage = await thrownBy(() => failures.write(answer(500), 'request', 'update'));
    expect(outage).toBeInstanceOf(UpstreamUnavailableError);
    expect(outage).not.toBeInstanceOf(BadUserInputError);
  });
});

describe('UpstreamFailures.parsed', () => {
  it('logs why an answer was unreadable and passes the client-safe error on', async () => {
    const { failures, warnings } = failuresFor();
    const malformed = new MalformedUpstreamResponseError('list without results');
    expect(() =>
      failures.parsed('invoice', () => {
        throw malformed;
      }),
    ).toThrow(malformed);
    await expect(failures.parsedAsync('client', () => Promise.reject(malformed))).rejects.toBe(malformed);
    expect(warnings('unreadable nextcloud answer')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'invoice', reason: 'list without results' }),
      expect.objectContaining({ tenant: 't1', resource: 'client', reason: 'list without results' }),
    ]);
  });

  it('passes other errors on without calling them unreadable, and results through untouched', async () => {
    const { failures, logs } = failuresFor();
    const other = new NextcloudConfigurationError('unknown schema');
    expect(() =>
      failures.parsed('invoice', () => {
        throw other;
      }),
    ).toThrow(other);
    await expect(failures.parsedAsync('invoice', () => Promise.reject(other))).rejects.toBe(other);
    expect(failures.parsed('invoice', () => 42)).toBe(42);
    await expect(failures.parsedAsync('invoice', () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(logs.lines()).toEqual([]);
  });
});

describe('UpstreamFailures.warnAboutIgnoredFilters', () => {
  it('names the filters OpenRegister ignored, so a wrong field mapping is found', () => {
    const { failures, warnings } = failuresFor();
    const res = answer(200, { results: [], '@self': { ignoredFilters: ['colour', 'size'] } });
    expect(failures.warnAboutIgnoredFilters(res, 'invoice')).toEqual(['colour', 'size']);
    expect(warnings('nextcloud ignored filters; check the field mapping')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'invoice', ignoredFilters: ['colour', 'size'] }),
    ]);
  });

  it.each([
    ['no body', undefined],
    ['no @self', { results: [] }],
    ['an empty list', { results: [], '@self': { ignoredFilters: [] } }],
    ['something other than a list', { results: [], '@self': { ignoredFilters: 'colour' } }],
  ])('reports nothing for %s', (_, json) => {
    const { failures, logs } = failuresFor();
    expect(failures.warnAboutIgnoredFilters(answer(200, json), 'invoice')).toEqual([]);
    expect(logs.lines()).toEqual([]);
  });
});

describe('UpstreamFailures.warnSkippedRow', () => {
  it('logs a row without an id with the tenant and resource', () => {
    const { failures, warnings } = failuresFor();
    failures.warnSkippedRow('invoice');
    expect(warnings('nextcloud returned an object without an id')).toEqual([
      expect.objectContaining({ tenant: 't1', resource: 'invoice' }),
    ]);
  });
});
