import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { ErrorCode, httpStatusOf, isPortalError, publicExtensionsOf } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.js';

/**
 * The last Express handler. Express's own would answer with an HTML page carrying the stack
 * trace outside production; here a client gets a stable code and a plain message, in the
 * GraphQL error shape so every client parses one format: an intentional error keeps the same
 * public extensions it has over GraphQL (retryAfter, problems, …), and a 429 says when to retry.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const reply = (status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}) => {
      if (res.headersSent) return res.destroy();
      if (typeof extra.retryAfter === 'number') res.setHeader('Retry-After', String(extra.retryAfter));
      res.status(status).json({ errors: [{ message, extensions: { ...extra, code } }] });
    };
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error }, 'database unreachable during an HTTP route');
      error = databaseUnavailableError();
    }
    if (isPortalError(error)) return reply(httpStatusOf[error.code], error.code, error.message, publicExtensionsOf(error));
    switch (error?.type) {
      case 'entity.parse.failed':
        return reply(400, ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON.');
      case 'entity.too.large':
        return reply(413, ErrorCode.BAD_USER_INPUT, 'The request body is too large.');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return reply(415, ErrorCode.BAD_USER_INPUT, 'The request body encoding is not supported.');
    }
    const errorId = randomUUID();
    logger.error({ err: error, errorId }, 'unexpected error in an HTTP route');
    return reply(500, ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error (reference ${errorId}).`, { errorId });
  };
}
