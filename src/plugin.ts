// The plugin's assembly: createChatsAdmin() builds the services once and hands the host what it
// adds to its own AdminJS options and Express app. Nothing of the host's is replaced unless asked
// (`dashboard: true`); see README "Use in your AdminJS app".
import { ComponentLoader, type AdminJSOptions, type AdminPage, type LocaleTranslations, type ResourceWithOptions } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import type { Router } from 'express';
import { loadDatamodel, type Datamodel } from './db/dmmf.js';
import type { SqlRunner } from './db/sql-runner.js';
import type { ChatsAdminContext } from './context.js';
import { silentLogger, type Logger } from './logger.js';
import { ChatsUsers, type UsersOptions } from './users/users.js';
import { AccountSessions, type SessionLifetimes } from './accounts/account-sessions.js';
import { registerComponents } from './admin/components.js';
import { withQueryGuard } from './admin/hooks/query-guard.js';
import { chatResource } from './admin/resources/chat/chat.resource.js';
import { dialogResource } from './admin/resources/dialog/dialog.resource.js';
import { messageResource } from './admin/resources/message/message.resource.js';
import { clientResource } from './admin/resources/client/client.resource.js';
import { markerResource } from './admin/resources/marker/marker.resource.js';
import { operatorResource } from './admin/resources/operator/operator.resource.js';
import { adminUserResource } from './admin/resources/admin-user/admin-user.resource.js';
import { translations } from './admin/locale/index.js';
import { reportsPage } from './admin/pages/reports.page.js';
import { withChats, type ChatsAdminParts } from './admin/admin-options.js';
import { withStorableInput } from './admin/storable-input.js';
import { createDashboardHandler } from './dashboard/dashboard-handler.js';
import { createReportsModule, type ReportsOptions } from './reports/reports-module.js';
import { LiveHub } from './conversations/live-hub.js';
import { LiveBus } from './conversations/live-bus.js';
import { Lifecycle } from './lifecycle.js';
import { createLimiter, ensureRateLimitTable, limiterStoreFor, type RedisClientLike } from './limits/create-limiter.js';
import { Conversations } from './conversations/conversation-service.js';
import { AuditLog } from './audit/audit-log.js';
import { AuditPruner, type AuditRetentionOptions } from './audit/audit-pruner.js';
import { auditLogResource } from './admin/resources/audit-log/audit-log.resource.js';
import { InactivityCloser } from './conversations/inactivity-closer.js';
import { DashboardCounter } from './dashboard/dashboard-counter.js';
import { RetentionWorker, type RetentionOptions } from './privacy/retention-worker.js';
import type { BackgroundWorker } from './workers/worker.js';
import { FacebookDeliveryWorker, type FacebookOptions } from './channels/facebook/delivery-worker.js';
import type { WidgetOptions } from './channels/web/api-router.js';
import { chatsPublicRouter } from './http/public-router.js';
import { healthRouter } from './http/health-router.js';
import { chatsAdminRouter, type AdminRouterOptions, type AuthenticatedAdmin } from './http/admin-router.js';

export interface ChatsAdminOptions {
  /** A Prisma client whose schema has the plugin's models (prisma/schema/chats.prisma). */
  prisma: PrismaClient;
  /** Plain SQL on the same database (sqlRunnerForPool / sqlRunnerForPGlite): hot paths and report streams. */
  sql: SqlRunner;
  /** Key for encrypting Facebook secrets at rest (at least 16 characters). */
  secret: string;
  /** Where the plugin reports problems: `console`, a pino logger, …; silent by default. */
  logger?: Logger;
  /** How your signed-in users map to the chats' roles; default: the built-in accounts (`currentAdmin.role`). */
  users?: UsersOptions;
  /**
   * Add the built-in accounts' resource (AdminUser: e-mail, password, role) to the admin.
   * Default: true without `users.fromCurrentAdmin` (the standalone app), false with it (your users).
   */
  builtInAccounts?: boolean;
  /** The built-in accounts' session lifetimes (idle 60 min, absolute 12 h by default). */
  sessions?: SessionLifetimes;
  /** Your AdminJS ComponentLoader; adminOptions() also registers the plugin's components in the one it is given. */
  componentLoader?: ComponentLoader;
  /** AdminJS root path; "/admin" by default (must be the one AdminJS is given). */
  rootPath?: string;
  /** Absolute base URL of the app, for links shown to users; taken from the request when absent. */
  publicUrl?: string;
  /** Make the chats dashboard AdminJS' landing page; otherwise it is the "Chats dashboard" page. Default false. */
  dashboard?: boolean;
  /** Full Prisma DMMF of the plugin's models; the one shipped with the package by default. */
  datamodel?: Datamodel;
  reports?: ReportsOptions;
  /** Facebook Messenger: Graph API URL and version, Send API retry backoff. */
  facebook?: FacebookOptions;
  /** The web widget: longest message, rate limits, event stream heartbeat. */
  widget?: WidgetOptions;
  /**
   * Shared rate limits: a Redis client (ioredis; node-redis with `useRedisPackage`) keeps the
   * counters; without one they are in PostgreSQL (sqlRunnerForPool), or in memory on PGlite.
   */
  limits?: { redis?: RedisClientLike; useRedisPackage?: boolean };
  /** How often stale dialogues are closed (chat's inactivity timeout), in ms; false: never. Default 60 s. */
  inactivityCheckMs?: number | false;
  /** How often stored messages are counted into the dashboard's aggregates, in ms (the dashboard also counts them when it loads); false: only then. Default 1 s. */
  dashboardCountMs?: number | false;
  /** The audit log's retention: entries older than `retentionDays` (default 365) are deleted, checked hourly. */
  audit?: AuditRetentionOptions;
  /** The chats' retention periods (README "Personal data" › "Retention"): applied hourly in small batches by default; `intervalMs: false`: never. */
  retention?: RetentionOptions;
}

export interface ChatsAdmin extends ChatsAdminParts {
  /**
   * Your AdminJS options with the plugin's resources, pages, components and translations added
   * (yours win where both have a text), and its dashboard when `dashboard: true`.
   */
  adminOptions(host?: AdminJSOptions): AdminJSOptions;
  /** The widget (/widget.js, /widget/<key>, its API) and the Facebook webhook: mount before any body parser. */
  publicRouter(): Router;
  /** Mount at `admin.options.rootPath`, with your AdminJS authenticated router inside it. */
  adminRouter(admin: AuthenticatedAdmin, authenticatedRouter: Router, options?: AdminRouterOptions): Router;
  /** GET /healthz (alive) and GET /readyz (database reachable, migrations applied, not draining). */
  healthRouter(): Router;
  /** Starts the live events bus, the report worker, the Facebook sender, the inactivity closer, retention and the audit log's pruner (once the database is migrated). */
  start(): Promise<void>;
  /** Readiness off, event streams end with a retry hint (clients reconnect elsewhere); stop() drains too. */
  drain(): void;
  /** Drains, then stops the workers; reports being generated are queued again at once. */
  stop(): Promise<void>;
  /**
   * The built-in accounts' sessions (with builtInAccounts): mount `accounts.middleware()` after the
   * session middleware, before AdminJS' router; `idleMs` is the session cookie's maxAge.
   */
  accounts?: AccountSessions;
  /** The services behind the screens (tests and advanced use). */
  context: ChatsAdminContext;
  /** Sends bot and operator messages of facebook dialogues (Send API); runs between start() and stop(). */
  facebook: FacebookDeliveryWorker;
  /** Applies the chats' retention periods between start() and stop(); absent with `retention.intervalMs: false`. */
  retention?: RetentionWorker;
}

export function createChatsAdmin(options: ChatsAdminOptions): ChatsAdmin {
  if (!options.secret || options.secret.length < 16) throw new Error('adminjs-chats needs a secret of at least 16 characters');
  if (!options.prisma || !options.sql) throw new Error('adminjs-chats needs `prisma` (a Prisma client) and `sql` (sqlRunnerForPool or sqlRunnerForPGlite)');
  const componentLoader = options.componentLoader ?? new ComponentLoader();
  const rootPath = options.rootPath ?? '/admin';
  const logger = options.logger ?? silentLogger;
  const hub = new LiveHub();
  const users = new ChatsUsers(options.prisma, options.users);
  const builtInAccounts = options.builtInAccounts ?? !options.users?.fromCurrentAdmin;
  const accounts = builtInAccounts ? new AccountSessions(options.prisma, options.sessions) : undefined;
  const audit = new AuditLog(options.sql);
  // checked now: a wrong setting fails at start-up, not an hour later
  const auditPruner = new AuditPruner(options.prisma, { ...options.audit, logger });
  const context: ChatsAdminContext = {
    prisma: options.prisma,
    sql: options.sql,
    logger,
    users,
    accounts,
    datamodel: options.datamodel ?? loadDatamodel(),
    componentLoader,
    secret: options.secret,
    rootPath,
    publicUrl: options.publicUrl,
    reports: createReportsModule(options.prisma, options.sql, options.reports, logger, audit),
    hub,
    conversations: new Conversations(options.prisma, hub, { sql: options.sql, logger }),
    lifecycle: new Lifecycle(),
    createLimiter: (rule) => createLimiter(rule, limiterStoreFor(options.sql, options.limits?.redis, options.limits?.useRedisPackage)),
    audit,
    components: registerComponents(componentLoader),
  };
  const resources: ResourceWithOptions[] = [
    chatResource(context),
    dialogResource(context),
    messageResource(context),
    clientResource(context),
    markerResource(context),
    operatorResource(context),
    ...(builtInAccounts ? [adminUserResource(context)] : []),
    auditLogResource(context),
  ].map(withStorableInput).map(withQueryGuard);
  const dashboard = { handler: createDashboardHandler(context, options.sql), component: context.components.Dashboard };
  const pages: Record<string, AdminPage> = {
    ...(options.dashboard ? {} : { chatsDashboard: { ...dashboard, icon: 'Activity' } }),
    chatsReports: reportsPage(context),
  };
  const parts: ChatsAdminParts = { resources, pages, dashboard, translations: translations as Record<string, LocaleTranslations>, componentLoader, rootPath };

  const facebook = new FacebookDeliveryWorker(options.prisma, options.sql, context.conversations, options.secret, { logger, ...options.facebook });
  const retention = options.retention?.intervalMs === false ? undefined : new RetentionWorker(options.sql, { logger, ...options.retention });
  const bus = new LiveBus(hub, options.sql, { logger, statusOf: (dialogId) => context.conversations.statusOf(dialogId) });
  const workers: BackgroundWorker[] = [
    bus,
    context.reports.worker,
    facebook,
    ...(options.inactivityCheckMs === false ? [] : [new InactivityCloser(options.prisma, hub, { intervalMs: options.inactivityCheckMs, logger })]),
    ...(options.dashboardCountMs === false ? [] : [new DashboardCounter(options.sql, { intervalMs: options.dashboardCountMs, logger })]),
    ...(options.audit?.pruneIntervalMs === false ? [] : [auditPruner]),
    ...(retention ? [retention] : []),
  ];
  return {
    ...parts,
    context,
    accounts,
    facebook,
    retention,
    adminOptions: (host = {}) => withChats(host, parts, { dashboard: options.dashboard === true }),
    publicRouter: () => chatsPublicRouter(context, { widget: options.widget }),
    adminRouter: (admin, authenticatedRouter, routerOptions) => chatsAdminRouter(context, admin, authenticatedRouter, routerOptions),
    healthRouter: () => healthRouter(options.sql, context.lifecycle),
    drain: () => context.lifecycle.drain(),
    start: async () => {
      context.lifecycle.resume();
      if (!options.limits?.redis) await ensureRateLimitTable(options.sql);
      for (const worker of workers) await worker.start();
    },
    // the other way round: the last started stops first
    stop: async () => {
      context.lifecycle.drain();
      for (const worker of [...workers].reverse()) await worker.stop();
    },
  };
}
