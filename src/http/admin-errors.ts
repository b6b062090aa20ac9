// HTTP status codes for AdminJS API answers. AdminJS reports a forbidden action as a 200 with a
// "ForbiddenError" notice and lets other errors escape as 500 pages with stack traces; the API
// must answer a refused action with 403, a missing record with 404, and never leak a stack.
// The plugin's own handlers answer their refusals themselves (src/admin/error-answer.ts); what
// escapes them and the plugin's admin routes lands here.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { asChatsError, errorHeaders, httpStatusOf } from './error-status.js';

const FORBIDDEN = '"type":"ForbiddenError"';

/** Mount before the AdminJS router: turns forbidden answers of /api/ routes into 403. */
export const forbiddenAsStatus: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/')) return next();
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => {
    const text = typeof body === 'string' ? body : body && typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : '';
    if (res.statusCode === 200 && text.includes(FORBIDDEN)) res.status(403);
    return send(body as never);
  }) as typeof res.send;
  return next();
};

/** Mount after the AdminJS router: known errors get their status and a short message. */
export const adminErrorHandler = (logger: Logger): ErrorRequestHandler => (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const refusal = asChatsError(error);
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
