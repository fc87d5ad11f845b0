import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { RequestContext } from '../resolvers/context.js';
import { createErrorFormatter } from './errors.js';
import { DEFAULT_GRAPHQL_LIMITS, maxDirectivesRule, operationLimitsPlugin, type GraphqlLimits } from './graphql-limits.js';
import { responseStatusPlugin } from './graphql-status.js';

/**
 * Apollo Server with the gateway's limits (graphql-limits.ts): a token cap on parsing and a
 * directive cap during validation, then depth, alias, list-field, cost and upstream-budget caps
 * after standard validation; masked errors, Apollo's CSRF prevention (on by default: it refuses
 * simple cross-site requests), no stack traces, and no landing page that would pull scripts from
 * a CDN. Where introspection is off (production) error messages do not hint at the schema either
 * ("Did you mean …").
 */
export function createGraphqlServer(options: {
  schema: GraphQLSchema;
  logger: Logger;
  metrics: Metrics;
  introspection: boolean;
  limits?: Partial<GraphqlLimits>;
}): ApolloServer<RequestContext> {
  const limits: GraphqlLimits = { ...DEFAULT_GRAPHQL_LIMITS, ...options.limits };
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: !options.introspection,
    parseOptions: { maxTokens: limits.maxTokens },
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger),
    validationRules: [maxDirectivesRule(limits.maxDirectives)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationLimitsPlugin(options.schema, limits),
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
