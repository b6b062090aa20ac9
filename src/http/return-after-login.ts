// After login, return to the admin page that was asked for (e.g. a copied dialogue link).
// @adminjs/express redirects every unauthenticated request to the login page and, after a
// successful login, to the root page. This middleware, mounted in front of the admin router,
// notes the requested page in a short-lived cookie when the guard redirects (not in the session:
// no session is stored for a visitor who is not logged in), and sends the login's redirect there.
import type { RequestHandler, Request, Response } from 'express';

interface AdminPaths { rootPath: string; loginPath: string; logoutPath?: string }

const COOKIE = 'chats_return_to';
const COOKIE_MAX_AGE_MS = 15 * 60 * 1000;
const MAX_TARGET_LENGTH = 2000;

/** Pages worth returning to: GET navigations in the admin, not API calls, assets or the login page. */
export function isReturnablePage(originalUrl: string, paths: AdminPaths): boolean {
  const root = paths.rootPath.replace(/\/$/, '');
  const pathname = originalUrl.split('?')[0];
  // a path only: "//host" or a backslash would make the browser leave the site
  if (!originalUrl.startsWith('/') || originalUrl.startsWith('//') || originalUrl.includes('\\')) return false;
  if (!pathname.startsWith(`${root}/`) && pathname !== root) return false;
  const rest = pathname.slice(root.length);
  return !rest.startsWith('/api/') && !rest.startsWith('/frontend/') && pathname !== paths.loginPath && pathname !== paths.logoutPath;
}

function cookieTarget(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

type Redirect = (...args: unknown[]) => void;

function onRedirect(res: Response, change: (target: unknown, args: unknown[]) => unknown[]): void {
  const redirect = res.redirect.bind(res) as Redirect;
  res.redirect = ((...args: unknown[]) => redirect(...change(args[args.length - 1], args))) as typeof res.redirect;
}

export function returnAfterLogin(paths: AdminPaths): RequestHandler {
  const cookieOptions = { path: paths.rootPath, httpOnly: true, sameSite: 'lax' as const };
  return (req, res, next) => {
    if (req.method === 'GET' && isReturnablePage(req.originalUrl, paths) && req.originalUrl.length <= MAX_TARGET_LENGTH) {
      onRedirect(res, (target, args) => {
        if (target === paths.loginPath) res.cookie(COOKIE, req.originalUrl, { ...cookieOptions, maxAge: COOKIE_MAX_AGE_MS, secure: req.secure });
        return args;
      });
    } else if (req.method === 'POST' && req.originalUrl.split('?')[0] === paths.loginPath) {
      const wanted = cookieTarget(req);
      // AdminJS redirects only a successful login, to the root page
      onRedirect(res, (target, args) => {
        if (target !== paths.rootPath || !wanted) return args;
        res.clearCookie(COOKIE, cookieOptions);
        return isReturnablePage(wanted, paths) ? [302, wanted] : args;
      });
    }
    next();
  };
}
