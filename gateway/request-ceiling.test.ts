import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../test/gateway.js';

describe('per-address request ceiling over HTTP', () => {
  const gw = useTestGateway({ RATE_LIMIT_PER_MINUTE: '5' });

  it('answers 429 RATE_LIMITED with Retry-After once an address exceeds it, and keeps other addresses apart', async () => {
    const ask = (ip: string) =>
      fetch(`${gw().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query: '{ portal { tenantId } }' }),
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask('192.0.2.7')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await ask('192.0.2.7');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: Array<{ extensions: { code: string; retryAfter: number } }> };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect((await ask('192.0.2.8')).status).toBe(200);
    // Health probes are not API traffic and stay reachable.
    expect((await fetch(`${gw().url}/healthz`)).status).toBe(200);
  });
});
