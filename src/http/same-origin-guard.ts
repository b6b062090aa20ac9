// Requests from other pages. SameSite=Lax cookies stop other *sites*, but another origin of the
// same site (another port, a sibling subdomain) still sends the admin's cookie with its forms and
// no-cors fetches. So every state-changing admin request must come from the admin's own pages:
// its Origin (or, for a browser that sends none, Sec-Fetch-Site) must be the admin's own origin,
// otherwise 403. Requests without either header are not from a browser page (scripts, tests) and
// carry no ambient cookie risk of their own.
//
// Logout is a GET in AdminJS (its menu sets window.location), which an <img> on such a page could
// trigger. A logout GET is therefore honoured only as a same-origin navigation (Sec-Fetch-*), and
// otherwise answered with a page whose button posts the logout (checked like any POST above).
import type { Request, RequestHandler } from 'express';
import { ChatsError } from '../domain/errors.js';
import { normalizeOrigin } from '../domain/public-urls.js';
import { escapeHtmlAttribute } from '../domain/frame-code.js';
import { ownOrigins } from './own-origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request claims, by its browser-set headers, to come from another origin than ours. */
export function isCrossOrigin(req: Request, publicUrl?: string): boolean {
  const origin = req.get('origin');
  if (origin !== undefined) {
    const normalized = normalizeOrigin(origin); // "null" (sandboxed frames, file:) is never ours
    return !normalized || !ownOrigins(req, publicUrl).includes(normalized);
  }
  const site = req.get('sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export interface GuardPaths { rootPath: string; logoutPath?: string }

export function sameOriginGuard(paths: GuardPaths, publicUrl?: string): RequestHandler {
  const root = paths.rootPath.replace(/\/$/, '');
  const logoutPath = paths.logoutPath ?? `${root}/logout`;
  // the guard is mounted at the root path: req.path is relative to it
  const logoutRoute = logoutPath.startsWith(`${root}/`) ? logoutPath.slice(root.length) : logoutPath;

  return (req, res, next) => {
    if (!SAFE_METHODS.has(req.method)) {
      if (isCrossOrigin(req, publicUrl)) {
        return next(new ChatsError('forbidden', 'cross_origin', 'This request came from another site or page and was refused. Use the admin pages themselves.'));
      }
      if (req.path === logoutRoute && req.method === 'POST') {
        // AdminJS logs out on GET only; a checked POST is handed on as that GET
        req.method = 'GET';
      }
      return next();
    }
    if (req.path === logoutRoute && req.method === 'GET' && !isOwnNavigation(req)) {
      res.status(200).set('Cache-Control', 'no-store').type('html').send(logoutPage(logoutPath));
      return undefined;
    }
    return next();
  };
}

/** A top-level navigation started by our own pages (the AdminJS menu), as the browser attests. */
// 'none': the user typed the address or used a bookmark; no other page can send that
function isOwnNavigation(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  return (site === 'same-origin' || site === 'none') && req.get('sec-fetch-mode') === 'navigate';
}

function logoutPage(logoutPath: string): string {
  const action = escapeHtmlAttribute(logoutPath);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Log out</title></head>
<body style="font-family: sans-serif; margin: 3rem auto; max-width: 30rem">
<h1>Log out?</h1>
<form method="post" action="${action}"><button type="submit">Log out</button></form>
</body>
</html>`;
}
