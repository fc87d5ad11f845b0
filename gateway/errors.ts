import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isPortalError, publicExtensionsOf } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.js';

/**
 * Errors produced by the GraphQL machinery itself (a malformed query, a wrong variable) describe
 * the client's request, not our internals, so they pass through as BAD_USER_INPUT.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js reports a variable that does not fit its type from inside execution, without a code
 * when no plugin has labelled it. It is still the client's mistake, never ours.
 */
const isVariableError = (error: unknown) => error instanceof GraphQLError && /^Variable "\$[^"]+" /.test(error.message);

/**
 * The one error formatter (STYLE.md 5): intentional errors keep their stable code and message;
 * everything unexpected is logged with an id and reaches the client only as
 * INTERNAL_SERVER_ERROR with that id — no stack, no upstream body, no database message.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (isPortalError(original)) {
      return { ...base, message: original.message, extensions: publicExtensionsOf(original) };
    }
    if (isDatabaseUnavailable(original)) {
      // An outage, not a bug: no error id to chase, and the driver's message stays in the log.
      logger.warn({ err: original, path: formatted.path }, 'database unreachable during a GraphQL operation');
      const unavailable = databaseUnavailableError();
      return { ...base, message: unavailable.message, extensions: publicExtensionsOf(unavailable) };
    }
    const code = String(formatted.extensions?.code ?? '');
    // Client mistakes are answered, not logged: their messages quote what the client sent.
    if (REQUEST_ERROR_CODES.has(code) || isVariableError(original)) {
      return { ...base, message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const errorId = randomUUID();
    logger.error({ err: original, errorId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      ...base,
      message: `Internal server error (reference ${errorId}).`,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
    };
  };
}
