import type { ApolloServerPlugin } from '@apollo/server';
import { separateOperations, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { PortalError, ErrorCode } from '../core/errors.js';

export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COMPLEXITY = 5_000;
/** Assumed page size when a connection field is asked for without `first`. */
const DEFAULT_PAGE_SIZE = 20;

/**
 * Lists multiply the cost of what is selected inside them: `invoices(first: 50) { documents }`
 * costs fifty times its children. Without `first` the default page size is assumed.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(1, args.first);
  return undefined;
};

/**
 * Refuses operations whose estimated cost is too high before anything executes. It runs from a
 * plugin hook rather than as a validation rule because, as a rule, it cannot see variable values
 * and breaks operations with required variables (STACK.md).
 */
export function complexityLimitPlugin(schema: GraphQLSchema, maximum = MAX_QUERY_COMPLEXITY): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const query = operationName ? (separateOperations(document)[operationName] ?? document) : document;
          const complexity = getComplexity({
            schema,
            query,
            variables: request.variables ?? {},
            estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > maximum) {
            throw new PortalError(
              ErrorCode.BAD_USER_INPUT,
              `This query is too expensive (cost ${complexity}, maximum ${maximum}). Ask for fewer items or fields.`,
            );
          }
        },
      };
    },
  };
}

export { DEFAULT_PAGE_SIZE };
