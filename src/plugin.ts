// The plugin's assembly: everything a host adds to its AdminJS options.
import { ComponentLoader, type AdminJSOptions, type ResourceWithOptions } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { loadDatamodel, type Datamodel } from './db/dmmf.js';
import type { ChatsAdminContext } from './context.js';
import { registerComponents } from './admin/components.js';
import { chatResource } from './admin/resources/chat/chat.resource.js';
import { dialogResource } from './admin/resources/dialog/dialog.resource.js';
import { messageResource } from './admin/resources/message/message.resource.js';
import { clientResource, markerResource } from './admin/resources/lookup.resources.js';
import { adminUserResource } from './admin/resources/admin-user/admin-user.resource.js';
import { locale } from './admin/locale/index.js';
import { branding } from './admin/branding.js';
import { createDashboardHandler } from './dashboard/dashboard-handler.js';
import type { SqlRunner } from './db/sql-runner.js';
import { createReportsModule, type ReportsOptions } from './reports/reports-module.js';
import { LiveHub } from './conversations/live-hub.js';
import { Conversations } from './conversations/conversation-service.js';
import { startInactivityCloser, type InactivityCloser } from './conversations/inactivity-closer.js';
import { reportsPage } from './admin/pages/reports.page.js';
import { FacebookDeliveryWorker, type FacebookOptions } from './channels/facebook/delivery-worker.js';
import { silentLogger, type Logger } from './logger.js';

export interface ChatsAdminOptions {
  prisma: PrismaClient;
  /** Key for encrypting Facebook secrets at rest (at least 16 characters). */
  secret: string;
  /** The host's ComponentLoader, if it has one; a new one otherwise. */
  componentLoader?: ComponentLoader;
  /** AdminJS root path; "/admin" by default. */
  rootPath?: string;
  /** Absolute base URL of the app, for links shown to users; taken from the request when absent. */
  publicUrl?: string;
  /** Full Prisma DMMF (models and enums); the one generated from this package's schema by default. */
  datamodel?: Datamodel;
  /** Plain SQL on the same database (sqlRunnerForPool / sqlRunnerForPGlite): reports stream through it. */
  sql: SqlRunner;
  reports?: ReportsOptions;
  /** Facebook Messenger: Graph API URL and version, Send API retry backoff. */
  facebook?: FacebookOptions;
  /** How often stale dialogues are closed (chat's inactivity timeout), in ms; false: never. */
  inactivityCheckMs?: number | false;
  /** Where the plugin reports problems (console-compatible, pino-friendly); silent by default. */
  logger?: Logger;
}

export interface ChatsAdmin {
  context: ChatsAdminContext;
  resources: ResourceWithOptions[];
  componentLoader: ComponentLoader;
  locale: NonNullable<AdminJSOptions['locale']>;
  /** Ready-made AdminJS options: spread into `new AdminJS({...})` and add your own. */
  adminOptions: AdminJSOptions;
  /** Sends bot and operator messages of facebook dialogues (Send API); runs between start() and stop(). */
  facebook: FacebookDeliveryWorker;
  /** Starts the report worker and the inactivity closer (call once the database is migrated). */
  start(): Promise<void>;
  /** Stops them; reports being generated are queued again. */
  stop(): Promise<void>;
}

export function createChatsAdmin(options: ChatsAdminOptions): ChatsAdmin {
  if (!options.secret || options.secret.length < 16) throw new Error('adminjs-chats needs a secret of at least 16 characters');
  const componentLoader = options.componentLoader ?? new ComponentLoader();
  const rootPath = options.rootPath ?? '/admin';
  const hub = new LiveHub();
  const logger = options.logger ?? silentLogger;
  const context: ChatsAdminContext = {
    prisma: options.prisma,
    logger,
    datamodel: options.datamodel ?? loadDatamodel(),
    componentLoader,
    secret: options.secret,
    rootPath,
    publicUrl: options.publicUrl,
    reports: createReportsModule(options.prisma, options.sql, options.reports, logger),
    hub,
    conversations: new Conversations(options.prisma, hub, { sql: options.sql, logger }),
    components: {},
  };
  context.components = registerComponents(componentLoader);
  const resources = [
    chatResource(context),
    dialogResource(context),
    messageResource(context),
    clientResource(context),
    markerResource(context),
    adminUserResource(context),
  ];
  let closer: InactivityCloser | null = null;
  const facebook = new FacebookDeliveryWorker(options.prisma, options.sql, context.conversations, options.secret, { logger, ...options.facebook });
  return {
    context,
    resources,
    componentLoader,
    locale,
    facebook,
    start: async () => {
      await context.reports.worker.start();
      await facebook.start();
      if (options.inactivityCheckMs !== false && !closer) closer = startInactivityCloser(options.prisma, hub, { intervalMs: options.inactivityCheckMs, logger });
    },
    stop: async () => {
      await closer?.stop();
      closer = null;
      await facebook.stop();
      await context.reports.worker.stop();
    },
    adminOptions: {
      rootPath,
      resources,
      componentLoader,
      locale,
      dashboard: { handler: createDashboardHandler(options.prisma, options.sql), component: context.components.Dashboard },
      branding,
      pages: { chatsReports: reportsPage(context) },
    },
  };
}
