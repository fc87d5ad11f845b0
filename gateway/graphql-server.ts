import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { RequestContext } from '../resolvers/context.js';
import { createErrorFormatter } from './errors.js';
import { DEFAULT_GRAPHQL_LIMITS, maxDirectivesRule, operationLimitsPlugin, type GraphqlLimits } from './graphql-limits.js';
import { responseStatusPlugin } from './graphql-status.js';
import type { TrustedDocuments } from './trusted-documents.js';

/**
 * Apollo Server with the gateway's limits (graphql-limits.ts): a token cap on parsing and a
 * directive cap during validation, then depth, alias, list-field, cost and upstream-budget caps
 * after standard validation; masked errors, Apollo's CSRF prevention (on by default: it refuses
 * simple cross-site requests), no stack traces, and no landing page that would pull scripts from
 * a CDN. Where introspection is off (production) error messages do not hint at the schema either
 * ("Did you mean …"). The web app's trusted documents are answered by hash (trusted-documents.ts);
 * who may send other text is decided before the context is built (trusted-documents-gate.ts).
 */
export function createGraphqlServer(options: {
  schema: GraphQLSchema;
  logger: Logger;
  metrics: Metrics;
  introspection: boolean;
  limits?: Partial<GraphqlLimits>;
  /**
   * The web app's documents, answered by hash (Apollo's persisted-query shape). Never learnt from
   * clients: without a list, hashes are not accepted at all.
   */
  trustedDocuments?: TrustedDocuments;
}): ApolloServer<RequestContext> {
  const limits: GraphqlLimits = { ...DEFAULT_GRAPHQL_LIMITS, ...options.limits };
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: !options.introspection,
    parseOptions: { maxTokens: limits.maxTokens },
    csrfPrevention: true,
    persistedQueries: options.trustedDocuments ? { cache: options.trustedDocuments.asPersistedQueryStore() } : false,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger),
    validationRules: [maxDirectivesRule(limits.maxDirectives)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are never given (every answer is `no-store`, set in app.ts), and the plugin
      // would otherwise wrap every field resolver of every request to collect them.
      ApolloServerPluginCacheControlDisabled(),
      operationLimitsPlugin(options.schema, limits, { isTrusted: (hash) => options.trustedDocuments?.has(hash) ?? false }),
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
