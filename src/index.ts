// adminjs-chats: the public API for host applications.
//
//   const chats = createChatsAdmin({ prisma, secret: process.env.SECRET, datamodel: Prisma.dmmf.datamodel });
//   const admin = new AdminJS({ ...chats.adminOptions, resources: [...chats.resources, ...yourResources] });
//   const router = AdminJSExpress.buildAuthenticatedRouter(admin, { authenticate, cookiePassword }, null, sessionOptions);
//   app.use(admin.options.rootPath, ...chatsAdminMiddleware(admin), router, chatsAdminRoutes(chats), adminErrorHandler);
//   app.use(chatsPublicRouter(chats));
//
// The host's `authenticate` must return a user with `role: 'admin' | 'operator' | 'viewer'`.
import express, { type RequestHandler, type Router } from 'express';
import type { ChatsAdmin } from './plugin.js';
import { publicRouter } from './http/public-router.js';
import { facebookWebhookRouter } from './channels/facebook/webhook-router.js';
import { forbiddenAsStatus } from './http/admin-errors.js';
import { returnAfterLogin } from './http/return-after-login.js';
import { reportDownloadRouter } from './http/report-download.js';
import { adminLiveRouter } from './http/admin-live.js';
import { selfHostedFonts } from './http/self-hosted-fonts.js';

export { createChatsAdmin, type ChatsAdmin, type ChatsAdminOptions } from './plugin.js';
export type { CurrentUser, Role } from './domain/roles.js';
export { hashPassword, verifyPassword } from './accounts/password.js';
export { makeAuthenticate } from './accounts/authenticate.js';
export { PrismaSessionStore } from './accounts/session-store.js';
export { migrate } from './db/migrate.js';

/**
 * Routes that work without login: the chat widget and the Facebook webhook. Mount it before any
 * body parser of the host: the webhook's signature is checked over the raw request body.
 */
export function chatsPublicRouter(chats: ChatsAdmin): Router {
  return express.Router().use(facebookWebhookRouter(chats.context), publicRouter(chats.context));
}
export { facebookWebhookRouter } from './channels/facebook/webhook-router.js';
export type { FacebookOptions } from './channels/facebook/delivery-worker.js';
export { adminErrorHandler } from './http/admin-errors.js';

/**
 * Middleware to mount in front of the AdminJS router: refused API calls answer 403, and a page
 * asked for while logged out (a copied dialogue link) is shown after login.
 */
export function chatsAdminMiddleware(admin: { options: { rootPath: string; loginPath: string; logoutPath?: string } }): RequestHandler[] {
  return [selfHostedFonts(admin.options), forbiddenAsStatus, returnAfterLogin(admin.options)];
}

/**
 * Routes of the admin that are not AdminJS pages (the report download, the live dialogue stream).
 * Mount them on the admin root path right after the AdminJS router, which sets up the session and
 * the login guard.
 */
export function chatsAdminRoutes(chats: ChatsAdmin, options: { loginPath?: string } = {}): Router {
  return express.Router().use(reportDownloadRouter(chats.context, options.loginPath), adminLiveRouter(chats.context));
}
