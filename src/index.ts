// adminjs-chats: the one entry point for host applications. README "Use in your AdminJS app" shows
// the whole set-up (examples/host-app/ is that code, run by the tests):
//
//   const chats = createChatsAdmin({ prisma, sql: sqlRunnerForPool(pool), secret, logger: console, users: { fromCurrentAdmin } });
//   const admin = new AdminJS(chats.adminOptions({ rootPath: '/admin', resources: yourResources, branding: yours }));
//   const router = AdminJSExpress.buildAuthenticatedRouter(admin, { authenticate, cookiePassword: secret }, null, sessionOptions);
//   app.use(chats.publicRouter());                               // before any body parser
//   app.use(admin.options.rootPath, chats.adminRouter(admin, router));
//   await migrate(sql); await chats.start();
export { createChatsAdmin, type ChatsAdmin, type ChatsAdminOptions } from './plugin.js';
export type { ChatsAdminParts } from './admin/admin-options.js';
export { mergeLocale } from './admin/admin-options.js';
export { translations as chatsTranslations } from './admin/locale/index.js';
export type { AdminRouterOptions, AuthenticatedAdmin } from './http/admin-router.js';

// users: how the host's signed-in user maps to a role and an operator
export type { HostUser, UsersOptions, OperatorProfile } from './users/users.js';
export type { CurrentUser, Role } from './domain/roles.js';

// the database: plain SQL beside Prisma, and the plugin's migrations
export { sqlRunnerForPool, sqlRunnerForPGlite, type SqlRunner, type PgPoolLike, type PGliteLike } from './db/sql-runner.js';
export { migrate, listMigrations, MIGRATIONS_DIR, type MigrationResult } from './db/migrate.js';
export type { Datamodel } from './db/dmmf.js';

// options of the parts
export type { Logger } from './logger.js';
export type { ReportsOptions } from './reports/reports-module.js';
export type { FacebookOptions } from './channels/facebook/delivery-worker.js';
export type { WidgetOptions } from './channels/web/api-router.js';
export type { RetentionOptions } from './privacy/retention-worker.js';
export type { RateLimitOptions, BucketRule } from './channels/web/rate-limit.js';

// the audit trail: a host with its own login records its users' logins through chats.context.audit
export { AuditLog, AuditUnavailableError } from './audit/audit-log.js';
export type { AuditRetentionOptions } from './audit/audit-pruner.js';
export { AUDIT_ACTIONS, DEFAULT_AUDIT_RETENTION_DAYS, type AuditAction, type AuditActor, type AuditEntryInput } from './domain/audit-actions.js';

// several instances: shared rate limiters, report file stores, health
export { createLimiter, type CreateLimiter, type LimiterRule, type LimiterStore, type RateLimiterAbstract } from './limits/create-limiter.js';
export type { ReportFileStore, StoredReportFile } from './reports/storage/report-file-store.js';
export { isDatabaseUnavailable } from './db/connection-errors.js';

// built-in accounts (e-mail and password) for a host that has no users of its own
export { makeAuthenticate, regenerateSession, type AccountUser } from './accounts/authenticate.js';
export { AccountSessions, type SessionLifetimes } from './accounts/account-sessions.js';
export { LoginThrottle, LoginThrottled, createLoginLimiters, memoryLimiter, LOGIN_LIMITS, type LoginLimiters, type LimiterFactory } from './accounts/login-throttle.js';
export { ensureFirstAdmin, type FirstAdminOutcome } from './accounts/first-admin.js';
export { hashPassword, verifyPassword, needsRehash, SCRYPT_PARAMETERS } from './accounts/password.js';
export { PrismaSessionStore } from './accounts/session-store.js';
