// Builds the Express application: AdminJS behind login, and the public routes of the chats.
import express, { type Express } from 'express';
import AdminJS, { type AdminJSOptions } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import type { ReportsOptions } from '../reports/reports-module.js';
import { createChatsAdmin, type ChatsAdmin } from '../plugin.js';
import { makeAuthenticate } from '../accounts/authenticate.js';
import { PrismaSessionStore } from '../accounts/session-store.js';
import { publicRouter } from '../http/public-router.js';
import { facebookWebhookRouter } from '../channels/facebook/webhook-router.js';
import type { FacebookOptions } from '../channels/facebook/delivery-worker.js';
import { adminErrorHandler } from '../http/admin-errors.js';
import { chatsAdminMiddleware, chatsAdminRoutes } from '../index.js';

export interface AppOptions {
  prisma: PrismaClient;
  sql: SqlRunner;
  secret: string;
  reports?: ReportsOptions;
  /** Graph API URL and version, Send API retries. */
  facebook?: FacebookOptions;
  publicUrl?: string;
  /** Set cookies with the Secure flag (behind TLS). */
  secureCookies?: boolean;
  /** More AdminJS options (e.g. `availableThemes`), spread over the plugin's. */
  adminOptions?: Partial<AdminJSOptions>;
}

export interface BuiltApp { app: Express; admin: AdminJS; chats: ChatsAdmin }

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const chats = createChatsAdmin({
    prisma: options.prisma, sql: options.sql, secret: options.secret, publicUrl: options.publicUrl, reports: options.reports,
    facebook: options.facebook,
  });
  const admin = new AdminJS({ ...chats.adminOptions, ...options.adminOptions });
  await admin.initialize();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: makeAuthenticate(options.prisma), cookieName: 'chats_admin', cookiePassword: options.secret },
    null,
    {
      store: new PrismaSessionStore(options.prisma),
      resave: false,
      saveUninitialized: false,
      secret: options.secret,
      // 'auto': Secure whenever the request came over TLS (directly or through a trusted proxy).
      cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies ? true : 'auto', maxAge: 24 * 60 * 60 * 1000 },
    },
  );
  app.use(admin.options.rootPath, ...chatsAdminMiddleware(admin), adminRouter, chatsAdminRoutes(chats, admin.options), adminErrorHandler(chats.context.logger));
  // before any body parser: the webhook's signature is checked over the raw bytes
  app.use(facebookWebhookRouter(chats.context));
  app.use(publicRouter(chats.context));
  app.get('/', (_req, res) => res.redirect(admin.options.rootPath));
  return { app, admin, chats };
}
