// After login, return to the admin page that was asked for (e.g. a copied dialogue link).
// @adminjs/express redirects to the page in `session.redirectTo` after a successful login but
// never sets it: its guard redirects every unauthenticated request to the login page. This
// middleware, mounted in front of the admin router, notes the requested page when that happens.
import type { RequestHandler } from 'express';

interface AdminPaths { rootPath: string; loginPath: string; logoutPath?: string }

/** Pages worth returning to: GET navigations in the admin, not API calls, assets or the login page. */
export function isReturnablePage(originalUrl: string, paths: AdminPaths): boolean {
  const root = paths.rootPath.replace(/\/$/, '');
  const pathname = originalUrl.split('?')[0];
  if (!pathname.startsWith(`${root}/`) && pathname !== root) return false;
  const rest = pathname.slice(root.length);
  return !rest.startsWith('/api/') && !rest.startsWith('/frontend/') && pathname !== paths.loginPath && pathname !== paths.logoutPath;
}

export function returnAfterLogin(paths: AdminPaths): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !isReturnablePage(req.originalUrl, paths)) return next();
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    // The session exists by the time the guard redirects (it is set up inside the admin router).
    res.redirect = ((...args: unknown[]) => {
      const target = args[args.length - 1];
      const session = (req as unknown as { session?: Record<string, unknown> }).session;
      if (target === paths.loginPath && session) session.redirectTo = req.originalUrl;
      redirect(...args);
    }) as typeof res.redirect;
    next();
  };
}
