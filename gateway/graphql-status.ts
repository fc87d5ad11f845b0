import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../core/errors.js';
import type { Metrics } from '../core/metrics.js';

/**
 * A disabled feature must look like it does not exist: a response whose only errors are
 * FEATURE_DISABLED answers HTTP 404 (CONTRACT.md, Errors). Also counts operations by outcome.
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
        },
      };
    },
  };
}
