import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../test/gateway.js';

describe('GraphQL over HTTP compliance (graphql-http audit)', () => {
  const gw = useTestGateway();

  it('passes every MUST audit', async () => {
    const results = await auditServer({ url: `${gw().url}/graphql` });
    expect(results.length).toBeGreaterThan(20);
    const failedMusts = results.flatMap((result) =>
      result.status === 'error' || (result.status !== 'ok' && result.name.startsWith('MUST'))
        ? [`${result.name}: ${result.reason}`]
        : [],
    );
    expect(failedMusts).toEqual([]);
  });
});
