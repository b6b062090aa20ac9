// Response headers against other pages: admin pages may be framed only by the admin itself
// (a framed Delete confirmation is a click away from a deleted chat); nothing is content-sniffed;
// URLs (dialogue ids, filters) do not leak to other sites through Referer. The widget window sets
// its own framing policy (the chat's allowed sites) and `no-referrer` (channels/web/page-router.ts).
import type { RequestHandler, Response } from 'express';

const FRAME_ANCESTORS = "frame-ancestors 'self'";

function setIfAbsent(res: Response, name: string, value: string): void {
  if (!res.get(name)) res.set(name, value);
}

/** Every response of the admin router. A host's own Content-Security-Policy is kept and extended. */
export const adminSecurityHeaders: RequestHandler = (_req, res, next) => {
  setIfAbsent(res, 'X-Frame-Options', 'SAMEORIGIN');
  const policy = res.get('Content-Security-Policy');
  if (!policy) res.set('Content-Security-Policy', FRAME_ANCESTORS);
  else if (!/frame-ancestors/i.test(policy)) res.set('Content-Security-Policy', `${policy}; ${FRAME_ANCESTORS}`);
  setIfAbsent(res, 'X-Content-Type-Options', 'nosniff');
  setIfAbsent(res, 'Referrer-Policy', 'same-origin');
  next();
};

/** Every response of the public router (widget, webhook); the widget window adds its own policy. */
export const publicSecurityHeaders: RequestHandler = (_req, res, next) => {
  setIfAbsent(res, 'X-Content-Type-Options', 'nosniff');
  setIfAbsent(res, 'Referrer-Policy', 'strict-origin-when-cross-origin');
  next();
};
