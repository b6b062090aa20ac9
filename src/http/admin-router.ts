// Everything the plugin needs around the host's AdminJS router, as one router to mount at the
// admin root path: headers against framing and sniffing, state-changing requests only from the
// admin's own pages (and logout only from them), the admin's font from its own origin (AdminJS links Google Fonts), refused API
// calls answer 403, a page asked for while logged out (a copied dialogue link) is shown after
// login, then the host's AdminJS router (session and login guard), then the plugin's own admin
// routes (report download, live dialogue stream) that rely on that session, and last the error
// answers (no stack traces). Every request runs in the audit context (who, from where:
// audit-context.ts), which also records logouts.
import express, { type Router } from 'express';
import type { ChatsAdminContext } from '../context.js';
import { adminErrorHandler, forbiddenAsStatus, passingOnOnce, unknownActionAsNotFound, type ResourceActions } from './admin-errors.js';
import { returnAfterLogin } from './return-after-login.js';
import { selfHostedFonts } from './self-hosted-fonts.js';
import { reportDownloadRouter } from './report-download.js';
import { adminLiveRouter, type AdminLiveOptions } from './admin-live.js';
import { sameOriginGuard } from './same-origin-guard.js';
import { adminSecurityHeaders } from './security-headers.js';
import { auditLogout, auditRequestContext } from './audit-context.js';

/** What the router reads of the AdminJS instance. */
export interface AuthenticatedAdmin extends ResourceActions { options: { rootPath: string; loginPath: string; logoutPath?: string } }

export interface AdminRouterOptions {
  live?: AdminLiveOptions;
}

export function chatsAdminRouter(ctx: ChatsAdminContext, admin: AuthenticatedAdmin, authenticatedRouter: Router, options: AdminRouterOptions = {}): Router {
  if (admin.options.rootPath !== ctx.rootPath) {
    throw new Error(`AdminJS rootPath "${admin.options.rootPath}" differs from the chats' "${ctx.rootPath}": pass the same rootPath to createChatsAdmin`);
  }
  return express.Router().use(
    auditRequestContext(ctx),
    adminSecurityHeaders,
    sameOriginGuard(admin.options, ctx.publicUrl),
    auditLogout(ctx, admin.options),
    selfHostedFonts(admin.options),
    forbiddenAsStatus,
    unknownActionAsNotFound(admin),
    returnAfterLogin(admin.options),
    passingOnOnce(authenticatedRouter),
    reportDownloadRouter(ctx, admin.options.loginPath),
    adminLiveRouter(ctx, options.live),
    adminErrorHandler(ctx.logger),
  );
}
