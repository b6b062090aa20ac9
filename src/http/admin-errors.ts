// HTTP status codes for AdminJS API answers. AdminJS reports a forbidden action as a 200 with a
// "ForbiddenError" notice and lets other errors escape as 500 pages with stack traces; the API
// must answer a refused action with 403, a missing record with 404, and never leak a stack.
// The plugin's own handlers answer their refusals themselves (src/admin/error-answer.ts); what
// escapes them and the plugin's admin routes lands here.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler } from 'express';
import { ChatsError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { asChatsError, errorHeaders, httpStatusOf } from './error-status.js';
import { INVALID_QUERY } from '../admin/hooks/query-guard.js';

const FORBIDDEN = '"type":"ForbiddenError"';
const BASE_ERROR = '"baseError":{';
const INVALID_RECORD_ID = 'You have to pass a valid recordId';

/** The status of an AdminJS API answer that AdminJS sent as 200: a refusal notice, or a bad query. */
function refusalStatus(text: string): number | null {
  if (text.includes(BASE_ERROR)) {
    try {
      const { type, message } = (JSON.parse(text) as { record?: { baseError?: { type?: unknown; message?: unknown } } }).record?.baseError ?? {};
      if (type === INVALID_QUERY) return 400;
      // AdminJS refuses a record id of the wrong type ("abc" for a number) as "forbidden": it names nothing
      if (type === 'NotFoundError' || (type === 'ForbiddenError' && String(message).startsWith(INVALID_RECORD_ID))) return 404;
    } catch {
      // not JSON after all: judged by the text below
    }
  }
  return text.includes(FORBIDDEN) ? 403 : null;
}

/**
 * Mount before the AdminJS router: turns forbidden answers of /api/ routes into 403 and refused
 * list or search queries (src/admin/hooks/query-guard.ts) into 400, keeping AdminJS' body.
 */
export const forbiddenAsStatus: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/')) return next();
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => {
    const text = typeof body === 'string' ? body : body && typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : '';
    const status = res.statusCode === 200 ? refusalStatus(text) : null;
    if (status) res.status(status);
    return send(body as never);
  }) as typeof res.send;
  return next();
};

/** What the unknown-action check reads of the AdminJS instance. */
export interface ResourceActions { resources?: { id(): string; decorate(): { actions: Record<string, unknown> } }[] }

const ACTION_PATH = /^\/api\/resources\/([^/]+)\/(?:actions|records\/[^/]+|bulk)\/([^/?]+)/;

/** Mount before the AdminJS router: an action the resource does not have is 404 (AdminJS fails on it). */
export const unknownActionAsNotFound = (admin: ResourceActions): RequestHandler => (req, res, next) => {
  const [, resourceId, actionName] = ACTION_PATH.exec(req.path) ?? [];
  const resource = resourceId ? admin.resources?.find((candidate) => candidate.id() === decodeURIComponent(resourceId)) : undefined;
  if (!resource || Object.hasOwn(resource.decorate().actions, decodeURIComponent(actionName))) return next();
  res.status(404).json({ error: 'Not found' });
  return undefined;
};

/**
 * A body AdminJS' parser (express-formidable, inside AdminJS' router) could not read: malformed
 * JSON or multipart. Formidable's errors carry no mark but where they were thrown, and the
 * request was never marked parsed.
 */
function unreadableBody(error: unknown, req: Request): ChatsError | null {
  const parsed = (req as Request & { express_formidable?: { parsed?: boolean } }).express_formidable?.parsed;
  const stack = String((error as Error | undefined)?.stack ?? '');
  if (parsed || !/[\\/]formidable[\\/]lib[\\/]/.test(stack)) return null;
  return new ChatsError('invalid', 'malformed_body', 'The request body could not be read (malformed JSON or multipart).', { cause: error });
}

/**
 * The host's AdminJS router, passing on at most once: express-formidable reports a broken body
 * twice (its error event and its callback), and the second report would reach Express' final
 * handler, which cuts the connection while the answer to the first is being sent.
 */
export const passingOnOnce = (router: RequestHandler): RequestHandler => (req, res, next) => {
  let passed = false;
  return router(req, res, ((error?: unknown) => {
    if (passed) return;
    passed = true;
    next(error);
  }) as NextFunction);
};

/** Mount after the AdminJS router: known errors get their status and a short message. */
export const adminErrorHandler = (logger: Logger): ErrorRequestHandler => (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const refusal = asChatsError(error) ?? unreadableBody(error, req);
  if (refusal) {
    res.status(httpStatusOf(refusal)).set(errorHeaders(refusal));
    if (req.originalUrl.includes('/api/')) res.json({ error: refusal.message, code: refusal.code });
    else res.type('text/plain').send(refusal.message);
    return undefined;
  }
  const name = (error as { name?: string })?.name ?? (error as object)?.constructor?.name;
  // AdminJS reports an unknown resource id (a mistyped or hidden resource in the URL) as a plain Error
  const unknownResource = /^There are no resources with given id/.test(String((error as Error)?.message));
  const status = name === 'NotFoundError' || unknownResource ? 404 : name === 'ForbiddenError' ? 403 : 500;
  if (status === 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'admin request failed');
  const message = status === 404 ? 'Not found' : status === 403 ? 'You are not allowed to do this' : 'Something went wrong; the error was logged';
  if (req.originalUrl.includes('/api/')) res.status(status).json({ error: message });
  else res.status(status).type('text/plain').send(message);
};
