import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process. Metric objects are created once here so that every
 * module increments the same series; labels never carry user data (tenant ids only).
 */
export interface Metrics {
  registry: Registry;
  upstreamRequests: Counter<'tenant' | 'resource' | 'outcome'>;
  upstreamDuration: Histogram<'tenant' | 'resource'>;
  graphqlOperations: Counter<'outcome'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    upstreamRequests: new Counter({
      name: 'portal_upstream_requests_total',
      help: 'HTTP calls from the gateway to Nextcloud, by tenant, resource and outcome',
      labelNames: ['tenant', 'resource', 'outcome'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'portal_upstream_request_duration_seconds',
      help: 'Latency of HTTP calls from the gateway to Nextcloud',
      labelNames: ['tenant', 'resource'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: 'portal_graphql_operations_total',
      help: 'GraphQL operations answered, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
