// The standalone application: AdminJS with the plugin, the built-in accounts behind login, and the
// public routes of the chats. It uses the plugin exactly as a host does (src/index.ts).
import express, { type ErrorRequestHandler, type Express } from 'express';
import session from 'express-session';
import AdminJS, { type AdminJSOptions } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import type { PrismaClient } from '@prisma/client';
import {
  createChatsAdmin, createLoginLimiters, LoginThrottle, makeAuthenticate, PrismaSessionStore, type LoginLimiters,
  type ChatsAdmin, type FacebookOptions, type Logger, type ReportsOptions, type RetentionOptions, type SessionLifetimes, type SqlRunner, type WidgetOptions,
} from '../index.js';
import { branding, appTranslations } from './branding.js';
import { asChatsError, errorHeaders, httpStatusOf } from '../http/error-status.js';

export interface AppOptions {
  prisma: PrismaClient;
  sql: SqlRunner;
  secret: string;
  logger?: Logger;
  reports?: ReportsOptions;
  /** Graph API URL and version, Send API retries. */
  facebook?: FacebookOptions;
  widget?: WidgetOptions;
  /** The chats' retention periods: how often and in what batches (hourly, 50 by default). */
  retention?: RetentionOptions;
  publicUrl?: string;
  /** Set cookies with the Secure flag (behind TLS). */
  secureCookies?: boolean;
  /** Express' trust proxy setting (TRUST_PROXY); loopback by default. */
  trustProxy?: boolean | number | string;
  /** Shared rate limits in Redis (an ioredis client); else PostgreSQL or memory. */
  redis?: object;
  /** Session lifetimes (idle, absolute) and how long an account read is reused. */
  sessions?: SessionLifetimes;
  /** Failed-login counters (per account, per address); in memory by default. */
  loginLimiters?: LoginLimiters;
  /** More AdminJS options (e.g. themes); the app's own come first. */
  adminOptions?: Partial<AdminJSOptions>;
}

export interface BuiltApp { app: Express; admin: AdminJS; chats: ChatsAdmin }

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const chats = createChatsAdmin({
    prisma: options.prisma,
    sql: options.sql,
    secret: options.secret,
    logger: options.logger,
    publicUrl: options.publicUrl,
    reports: options.reports,
    facebook: options.facebook,
    widget: options.widget,
    retention: options.retention,
    limits: options.redis ? { redis: options.redis } : undefined,
    sessions: options.sessions,
    dashboard: true,
  });
  const accounts = chats.accounts!;
  // failed-login counters in the store all instances share (PostgreSQL, Redis), like the widget's limits
  const loginLimiters = options.loginLimiters ?? createLoginLimiters((rule) => chats.context.createLimiter(rule));
  const admin = new AdminJS(chats.adminOptions({
    rootPath: '/admin',
    branding,
    locale: { language: 'en', availableLanguages: ['en', 'ru'], localeDetection: true, translations: appTranslations },
    ...options.adminOptions,
  }));
  await admin.initialize();

  const app = express();
  app.disable('x-powered-by');
  // behind a load balancer: the client's address (rate limits) and https (Secure cookies) come from it
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  app.use(chats.healthRouter());
  const sessionOptions: session.SessionOptions = {
    name: 'chats_admin',
    store: new PrismaSessionStore(options.prisma, accounts.idleMs),
    resave: false,
    // no session row for a visitor who is not logged in
    saveUninitialized: false,
    // the idle lifetime: each request moves the cookie's and the row's expiry
    rolling: true,
    secret: options.secret,
    // 'auto': Secure whenever the request came over TLS (directly or through a trusted proxy).
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies ? true : 'auto', maxAge: accounts.idleMs },
  };
  // AdminJS' router mounts the same session middleware, which does nothing when a session is there
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: makeAuthenticate(options.prisma, { throttle: new LoginThrottle(loginLimiters), logger: options.logger, audit: chats.context.audit }), cookieName: 'chats_admin', cookiePassword: options.secret },
    null,
    sessionOptions,
  );
  // before any body parser: the webhook's signature is checked over the raw bytes
  app.use(chats.publicRouter());
  app.use(admin.options.rootPath, session(sessionOptions), accounts.middleware(), chats.adminRouter(admin, adminRouter));
  app.get('/', (_req, res) => res.redirect(admin.options.rootPath));
  app.use(lastErrorHandler(options.logger));
  return { app, admin, chats };
}

// What no route answered itself (the session store, AdminJS' own routes): a refusal with its
// status (the database down: 503 and Retry-After), anything else a plain 500 without details.
function lastErrorHandler(logger?: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const refusal = asChatsError(error);
    if (!refusal) logger?.error({ err: error }, 'request failed');
    if (refusal) res.status(httpStatusOf(refusal)).set(errorHeaders(refusal)).type('text/plain').send(refusal.message);
    else res.status(500).type('text/plain').send('Something went wrong; please retry.');
  };
}
