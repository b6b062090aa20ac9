// The HTTP face of ChatsError (src/domain/errors.ts), the same for every HTTP transport (the
// admin's actions and routes, the widget API, the Facebook webhook): the status of each kind, the
// Retry-After header, and the few errors of our libraries that are refusals rather than faults.
import { ChatsError, isChatsError, type ErrorKind } from '../domain/errors.js';

export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  too_many: 429,
  unavailable: 503,
};

export const httpStatusOf = (error: ChatsError): number => HTTP_STATUS[error.kind];

/** `Retry-After` for refusals that say when to come back (details.retryAfter, in seconds). */
export function errorHeaders(error: ChatsError): Record<string, string> {
  const seconds = error.details?.retryAfter;
  return typeof seconds === 'number' ? { 'Retry-After': String(seconds) } : {};
}

/**
 * The refusal an error stands for, or null for a fault (a bug, the database gone): those are
 * logged and answered 500. Besides our own ChatsErrors:
 * - Prisma could get no connection or transaction in time (P2024/P2028): the server is busy, not
 *   broken, and a client that retries shortly succeeds;
 * - body-parser refused the request body (it marks those errors `expose` with a 4xx status);
 * - Express could not decode a percent-encoded path parameter (a URIError it marks 400).
 */
export function asChatsError(error: unknown): ChatsError | null {
  if (isChatsError(error)) return error;
  const { code, type, status, expose } = (error ?? {}) as { code?: unknown; type?: unknown; status?: unknown; expose?: unknown };
  if (code === 'P2024' || code === 'P2028') {
    return new ChatsError('unavailable', 'busy', 'The server is busy; retry in a moment.', { details: { retryAfter: 1 }, cause: error });
  }
  if (error instanceof URIError && status === 400) return new ChatsError('invalid', 'bad_url', 'The address is not correctly encoded.', { cause: error });
  if (typeof type === 'string' && expose === true && typeof status === 'number' && status >= 400 && status < 500) return bodyRefusal(type, status, error);
  return null;
}

function bodyRefusal(type: string, status: number, cause: unknown): ChatsError {
  if (type === 'entity.too.large') return new ChatsError('too_large', 'body_too_large', 'The request body is too large.', { cause });
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ChatsError('unsupported', 'unsupported_encoding', 'Send the body as UTF-8 JSON.', { cause });
  }
  if (type === 'entity.parse.failed') return new ChatsError('invalid', 'malformed_json', 'The request body is not valid JSON.', { cause });
  return new ChatsError(status === 415 ? 'unsupported' : 'invalid', 'bad_request', 'The request body could not be read.', { cause });
}
