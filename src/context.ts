// What every part of the plugin needs: the database, the logger, the users, the secret, URLs.
import type { PrismaClient } from '@prisma/client';
import type { ComponentLoader } from 'adminjs';
import type { Datamodel } from './db/dmmf.js';
import type { ReportsModule } from './reports/reports-module.js';
import type { LiveHub } from './conversations/live-hub.js';
import type { Conversations } from './conversations/conversation-service.js';
import type { Logger } from './logger.js';
import type { SqlRunner } from './db/sql-runner.js';
import type { Lifecycle } from './lifecycle.js';
import type { CreateLimiter } from './limits/create-limiter.js';
import type { ChatsUsers } from './users/users.js';
import type { AccountSessions } from './accounts/account-sessions.js';
import type { AuditLog } from './audit/audit-log.js';

export interface ChatsAdminContext {
  prisma: PrismaClient;
  /** Plain SQL on the same database: hot paths, streams, the lists' capped counts. */
  sql: SqlRunner;
  logger: Logger;
  /** The signed-in user's role and operator row (the host's currentAdmin mapped). */
  users: ChatsUsers;
  /** The built-in accounts' sessions, when the plugin has its AdminUser resource. */
  accounts?: AccountSessions;
  datamodel: Datamodel;
  componentLoader: ComponentLoader;
  /** Key for encrypting Facebook secrets at rest. */
  secret: string;
  /** AdminJS root path, e.g. "/admin". */
  rootPath: string;
  /** Absolute base URL of the app when known (otherwise taken from the request). */
  publicUrl?: string;
  /** Report jobs: the Export action, the Reports page and the download route use it. */
  reports: ReportsModule;
  /** Live message delivery and the conversation service shared by the widget, Facebook and operators. */
  hub: LiveHub;
  conversations: Conversations;
  /** Rate limiters whose counters all instances share (widget limits, the login throttle). */
  createLimiter: CreateLimiter;
  /** Readiness and draining of this instance (health routes, event streams, shutdown). */
  lifecycle: Lifecycle;
  /** The audit trail (append-only): logins, exports, downloads, changes, erasures, retention runs. */
  audit: AuditLog;
  /** Registered component names, filled by src/admin/components.ts. */
  components: Record<string, string>;
}
