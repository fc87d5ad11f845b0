import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../core/errors.js';
import type { Metrics } from '../core/metrics.js';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable.js';

/**
 * A disabled feature must look like it does not exist: a response whose only errors are
 * FEATURE_DISABLED answers HTTP 404 (CONTRACT.md, Errors); one with SERVICE_UNAVAILABLE answers 503
 * with Retry-After. Also counts operations by outcome.
 */
export function responseStatusPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          metrics.graphqlOperations.inc({ outcome: errors.length ? 'error' : 'ok' });
          if (errors.length && errors.every((error) => error.extensions?.code === ErrorCode.FEATURE_DISABLED)) {
            response.http.status = 404;
          }
          // The database is away: whatever else the answer holds, the client should retry it whole.
          const unavailable = errors.find((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
          if (unavailable) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(unavailable.extensions?.retryAfter ?? DATABASE_RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
