// The last error handler of the public routes: whatever a route or Express itself (a path that
// does not decode) passes on is answered here rather than by the host's or Express' default
// handler, which prints the stack and absolute paths outside production. Refusals get their
// kind's status; faults are logged and answered 500. The widget API answers JSON in its own shape
// ({ error: <code>, message }); the page, scripts and webhook a short plain text.
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { asChatsError, errorHeaders, httpStatusOf } from './error-status.js';

/** Where the public router answers errors itself (it is mounted at the host's root). */
export const PUBLIC_PATHS = ['/widget', '/widget.js', '/webhooks/facebook'];

const isApi = (req: Request): boolean => req.originalUrl.startsWith('/widget/api/') || req.baseUrl.endsWith('/widget/api');

function answer(req: Request, res: Response, status: number, code: string, message: string): void {
  res.status(status).set('X-Content-Type-Options', 'nosniff').set('Cache-Control', 'no-store');
  if (isApi(req)) res.json({ error: code, message });
  else res.type('text/plain').send(message);
}

export const publicErrorHandler = (logger: Logger): ErrorRequestHandler => (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const refusal = asChatsError(error);
  if (refusal) {
    res.set(errorHeaders(refusal));
    return answer(req, res, httpStatusOf(refusal), refusal.code, refusal.message);
  }
  logger.error({ err: error, method: req.method, path: req.path }, 'public request failed');
  return answer(req, res, 500, 'internal_error', 'Something went wrong; please retry.');
};
