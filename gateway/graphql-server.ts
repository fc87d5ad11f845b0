import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { RequestContext } from '../resolvers/context.js';
import { createErrorFormatter } from './errors.js';
import { complexityLimitPlugin, MAX_QUERY_DEPTH } from './graphql-limits.js';
import { responseStatusPlugin } from './graphql-status.js';

/**
 * Apollo Server with the gateway's limits: depth and cost caps, masked errors, Apollo's CSRF
 * prevention (on by default: it refuses simple cross-site requests), no stack traces, and no
 * landing page that would pull scripts from a CDN.
 */
export function createGraphqlServer(options: {
  schema: GraphQLSchema;
  logger: Logger;
  metrics: Metrics;
  introspection: boolean;
}): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: options.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger),
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      complexityLimitPlugin(options.schema),
      responseStatusPlugin(options.metrics),
    ],
    logger: {
      debug: (message) => options.logger.debug(message),
      info: (message) => options.logger.info(message),
      warn: (message) => options.logger.warn(message),
      error: (message) => options.logger.error(message),
    },
  });
}
