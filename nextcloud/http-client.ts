import type { Agent } from 'node:http';
import type { Readable } from 'node:stream';
import { UpstreamUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { NextcloudConfigurationError } from './errors.js';
import { createAgent, exchange, TransportTimeoutError, type ResponseHeaders } from './http-transport.js';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, type Outcome } from './retry-policy.js';

/**
 * The single place that sends HTTP to a tenant's Nextcloud: auth and protocol headers, per-attempt
 * timeouts, bounded retries for GETs, the tenant's circuit breaker, metrics and logging. Statuses the
 * caller can interpret (2xx, 4xx) are returned; outages (network, timeout, 5xx, 429, open circuit)
 * become UpstreamUnavailableError here so no caller can forget them. The bytes themselves go over
 * node:http(s) keep-alive connections (http-transport.ts).
 */

export interface Credentials {
  loginName: string;
  appPassword: string;
}

export interface HttpClientOptions {
  tenantId: string;
  /** Normalised: no trailing slash, no credentials, no query. */
  baseUrl: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Whole call including retries and back-off; a user is never held longer than this. */
  budgetMs: number;
  maxRetries: number;
  /** Longest Retry-After the client will wait out; a longer one fails the call at once. */
  retryAfterCapMs: number;
  metrics: Metrics;
  logger: Logger;
  breaker: CircuitBreaker;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** Metrics label: a resource key or a fixed name such as `ocs-user`. */
  resource: string;
  /** Other credentials (staff sign-in); `null` sends none (anonymous probes). */
  credentials?: Credentials | null;
  /** Keep the body as a stream (downloads) instead of reading it as JSON. */
  stream?: boolean;
  /** GETs are retried unless this is false (probes want a quick, honest answer). */
  retry?: boolean;
  /** Replaces the per-attempt timeout and the budget for this call (uploads take longer). */
  timeoutMs?: number;
}

export interface UpstreamResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON body; undefined for streams and bodies that are not JSON. */
  json: unknown;
  /** The (decoded) body of a successful `stream: true` call. */
  body: Readable | null;
}

type Attempt = { kind: 'response'; response: UpstreamResponse } | { kind: 'failure'; outcome: 'timeout' | 'network_error' };

/** What every call to Nextcloud sends, besides its credentials and body type. */
export const PROTOCOL_HEADERS: Readonly<Record<string, string>> = {
  'OCS-APIRequest': 'true',
  // Any Accept containing "html" turns auth errors into HTML pages or login redirects (§9.3).
  Accept: 'application/json',
  // Explicit, because OpenRegister labels large lists as gzip whether or not it compressed (§12.3).
  'Accept-Encoding': 'gzip',
  // fetch sent one ("node"); proxies and web application firewalls in front of Nextcloud may refuse none.
  'User-Agent': 'pipelinq-portal-gateway',
};

export function basicAuth({ loginName, appPassword }: Credentials): string {
  return `Basic ${Buffer.from(`${loginName}:${appPassword}`, 'utf8').toString('base64')}`;
}

function outcomeOf(status: number): Outcome {
  if (status === 404) return 'not_found';
  if (status >= 500) return 'server_error';
  if (status >= 300) return 'client_error';
  return 'ok';
}

export class NextcloudHttpClient {
  /** Keep-alive connections to this tenant's Nextcloud only (http-transport.ts). */
  private readonly agent: Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.agent = createAgent(options.baseUrl);
  }

  get tenantId(): string {
    return this.options.tenantId;
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const { maxRetries, retryAfterCapMs } = this.options;
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const budgetMs = req.timeoutMs ?? this.options.budgetMs;
    const deadline = performance.now() + budgetMs;
    const canRetry = req.method === 'GET' && req.retry !== false;
    for (let attempt = 0; ; attempt += 1) {
      const remaining = deadline - performance.now();
      const attemptTimeoutMs = Math.max(1, Math.min(timeoutMs, remaining));
      // A retry squeezed into what is left of the caller's budget; its timeout is the caller's doing.
      const cutShort = attempt > 0 && attemptTimeoutMs < timeoutMs;
      const result = await this.attempt(req, attemptTimeoutMs, cutShort);
      const response = result.kind === 'response' ? result.response : null;
      const status = response?.status ?? null;
      if (response && status !== null && status < 500 && !isRetryableStatus(status)) {
        if (status >= 300 && status < 400) {
          // Not followed: a redirect usually means a wrong base URL (http to https, a login page),
          // and following it could carry the service credentials to another host.
          const error = new NextcloudConfigurationError(`Nextcloud redirected (${status}); check the base URL`);
          this.options.logger.warn(
            { tenant: this.tenantId, resource: req.resource, reason: error.reason },
            'nextcloud configuration error',
          );
          throw error;
        }
        return response;
      }
      let waitMs = backoffDelayMs(attempt, this.options.random);
      const asked = response ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : null;
      if (asked !== null) waitMs = asked > retryAfterCapMs ? Number.POSITIVE_INFINITY : asked;
      const retryable = canRetry && (status === null || isRetryableStatus(status));
      const timeLeft = deadline - performance.now() - waitMs;
      // A retry needs time for a real attempt after the wait, or it only adds latency.
      if (!retryable || attempt >= maxRetries || timeLeft < Math.min(timeoutMs, 100)) {
        throw new UpstreamUnavailableError();
      }
      await this.options.sleep(waitMs);
    }
  }

  private url(req: UpstreamRequest): string {
    const query = req.query?.toString();
    return `${this.options.baseUrl}${req.path}${query ? `?${query}` : ''}`;
  }

  private headers(req: UpstreamRequest): Record<string, string> {
    const headers: Record<string, string> = { ...PROTOCOL_HEADERS };
    const credentials = req.credentials === undefined ? this.options.credentials : req.credentials;
    if (credentials) headers.Authorization = basicAuth(credentials);
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  /** One HTTP exchange under the breaker, with its own timeout, metrics and log line. */
  private async attempt(req: UpstreamRequest, timeoutMs: number, cutShort = false): Promise<Attempt> {
    const { breaker, metrics, tenantId } = this.options;
    const labels = { tenant: tenantId, resource: req.resource };
    if (!breaker.tryAcquire()) {
      metrics.upstreamRequests.inc({ ...labels, outcome: 'circuit_open' });
      this.options.logger.debug({ tenant: tenantId, resource: req.resource }, 'nextcloud circuit open; call refused');
      throw new UpstreamUnavailableError();
    }
    const started = performance.now();
    let result: Attempt;
    try {
      // Read the whole body while the timer still runs: a server can stall mid-body too.
      const res = await exchange(this.agent, {
        method: req.method,
        url: this.url(req),
        headers: this.headers(req),
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        stream: req.stream === true,
        timeoutMs,
      });
      const json = res.bytes ? parseJson(res.bytes) : undefined;
      result = { kind: 'response', response: { status: res.status, headers: res.headers, json, body: res.stream } };
    } catch (error) {
      result = { kind: 'failure', outcome: error instanceof TransportTimeoutError ? 'timeout' : 'network_error' };
    }
    const outcome = result.kind === 'failure' ? result.outcome : outcomeOf(result.response.status);
    metrics.upstreamRequests.inc({ ...labels, outcome });
    metrics.upstreamDuration.observe(labels, (performance.now() - started) / 1000);

    const status = result.kind === 'response' ? result.response.status : null;
    // A timeout only says upstream is slow when the attempt had its full time (circuit-breaker.ts).
    if (cutShort && result.kind === 'failure' && result.outcome === 'timeout') breaker.recordInconclusive();
    else if (status === null || status >= 500 || status === 429) breaker.recordFailure();
    else breaker.recordSuccess();
    if (outcome !== 'ok' && outcome !== 'not_found') {
      // Path only: the query can hold search terms typed by customers. 4xx answers are logged by
      // the caller, which knows whether a 401 is a misconfiguration or a staff member's typo.
      const level = outcome === 'client_error' && status !== 429 ? 'debug' : 'warn';
      this.options.logger[level](
        { tenant: tenantId, resource: req.resource, method: req.method, path: req.path, status, outcome },
        'nextcloud call failed',
      );
    }
    return result;
  }
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
