// The audit trail's view of an admin request: every request runs inside the audit context
// (src/audit/request-context.ts) with the client's address (req.ip, so the app's trust proxy
// setting applies) and the signed-in user, read when an entry is made. A logout is recorded here,
// before AdminJS ends the session.
import type { Request, RequestHandler } from 'express';
import type { ChatsAdminContext } from '../context.js';
import type { AuditActor } from '../domain/audit-actions.js';
import type { CurrentUser } from '../domain/roles.js';
import { auditEntry, runWithAuditSource } from '../audit/request-context.js';
import { sessionAdmin } from './session-user.js';

/** How the log names a user: their id, and their e-mail (else their name). */
export const auditActorOf = (user: CurrentUser | null): AuditActor | null => (user ? { key: user.id, name: user.email ?? user.name } : null);

export function auditRequestContext(ctx: Pick<ChatsAdminContext, 'users'>): RequestHandler {
  return (req, _res, next) => {
    runWithAuditSource(() => ({ actor: auditActorOf(ctx.users.current(sessionAdmin(req))), address: req.ip ?? null }), next);
  };
}

/**
 * Records the logout of a signed-in user. Mounted after the same-origin guard, so only a logout
 * the user asked for gets here. A logout is never refused for want of its entry: a session left
 * open on a shared computer is worse than a missing line (the failure goes to the logger).
 */
export function auditLogout(ctx: Pick<ChatsAdminContext, 'users' | 'audit' | 'logger'>, paths: { rootPath: string; logoutPath?: string }): RequestHandler {
  const root = paths.rootPath.replace(/\/$/, '');
  const logoutPath = paths.logoutPath ?? `${root}/logout`;
  const logoutRoute = logoutPath.startsWith(`${root}/`) ? logoutPath.slice(root.length) : logoutPath;
  return (req: Request, _res, next) => {
    if (req.method !== 'GET' || req.path !== logoutRoute || !ctx.users.current(sessionAdmin(req))) return next();
    ctx.audit.record(auditEntry('logout', null)).then(() => next(), (error: unknown) => {
      ctx.logger.warn({ err: error }, 'logout not recorded in the audit log');
      next();
    });
    return undefined;
  };
}
