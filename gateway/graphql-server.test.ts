import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import type { RequestContext } from '../resolvers/context.js';
import { buildApiSchema } from '../resolvers/schema.js';
import { createGraphqlServer } from './graphql-server.js';

/**
 * What the Apollo server tells a client about the schema when it got a field wrong: in production
 * (introspection off) no "Did you mean …", which would let a stranger map the schema field by
 * field (issue 10, item 7); in development the hint stays, since it helps.
 */
async function messageFor(introspection: boolean, query: string): Promise<string[]> {
  const server = createGraphqlServer({
    schema: await buildApiSchema(),
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    introspection,
  });
  await server.start();
  try {
    // Validation fails before any resolver runs, so no context is needed.
    const response = await server.executeOperation({ query }, { contextValue: {} as RequestContext });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return (response.body.singleResult.errors ?? []).map((error) => error.message);
  } finally {
    await server.stop();
  }
}

describe('field suggestions', () => {
  it('are not given when introspection is off (production)', async () => {
    const messages = await messageFor(false, '{ invoce { id } }');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Cannot query field "invoce"/);
    expect(messages[0]).not.toMatch(/Did you mean/);
  });

  it('are given in development', async () => {
    const messages = await messageFor(true, '{ invoce { id } }');
    expect(messages[0]).toMatch(/Did you mean "invoice"/);
  });
});
