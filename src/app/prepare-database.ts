// What the standalone app does to its database before serving it, in this order: the migrations,
// the first admin (whenever no admin exists, whatever created the database), then the demo data
// into an empty database. The seed CLI uses the same first-admin step, so a seeded database can
// be administered too.
import type { PrismaClient } from '@prisma/client';
import type { AppConfig } from './config.js';
import type { Database } from './database.js';
import { migrate } from '../db/migrate.js';
import { ensureFirstAdmin, type FirstAdminOutcome } from '../accounts/first-admin.js';
import { loadDemoDataIfEmpty, type LoadDemoOptions } from './demo/load-demo.js';

export const DEFAULT_ADMIN = { email: 'admin@example.com', password: 'admin123' } as const;

export type AdminConfig = Pick<AppConfig, 'adminEmail' | 'adminPassword'> & Partial<Pick<AppConfig, 'production'>>;

export const DEFAULT_PASSWORD_IN_PRODUCTION = 'With NODE_ENV=production the first admin is not created with the default password: set ADMIN_PASSWORD';

/**
 * The first admin from ADMIN_EMAIL / ADMIN_PASSWORD (or the defaults). In production the default
 * password, which anyone can read in the README, never makes an admin.
 */
export async function ensureConfiguredAdmin(prisma: PrismaClient, config: AdminConfig): Promise<FirstAdminOutcome> {
  const password = config.adminPassword ?? DEFAULT_ADMIN.password;
  if (config.production && password === DEFAULT_ADMIN.password && (await prisma.adminUser.count({ where: { role: 'admin' } })) === 0) {
    throw new Error(DEFAULT_PASSWORD_IN_PRODUCTION);
  }
  return ensureFirstAdmin(prisma, config.adminEmail ?? DEFAULT_ADMIN.email, password);
}

export interface PreparedDatabase { applied: string[]; admin: FirstAdminOutcome }

export async function prepareDatabase(
  db: Database,
  config: AdminConfig & Pick<AppConfig, 'demoData'>,
  options: { log: (line: string) => void; demo?: Omit<LoadDemoOptions, 'log'> },
): Promise<PreparedDatabase> {
  const { applied } = await migrate(db.sql);
  if (applied.length) options.log(`Database migrated: ${applied.join(', ')}`);
  const admin = await ensureConfiguredAdmin(db.prisma, config);
  if (config.demoData) await loadDemoDataIfEmpty(db, { ...options.demo, log: options.log });
  return { applied, admin };
}

/**
 * The line to print about the admin login; `warning` when nobody can administer. A password from
 * ADMIN_PASSWORD is never printed (logs are read by more people than the admin): only the default one.
 */
export function adminLoginMessage(outcome: FirstAdminOutcome, config: Pick<AdminConfig, 'adminPassword'> = {}): { warning: boolean; text: string } {
  const credentials = (email: string, password: string) =>
    (config.adminPassword ? `Log in as ${email} with the password in ADMIN_PASSWORD` : `Log in as ${email} / ${password}`);
  switch (outcome.status) {
    case 'created':
      return { warning: false, text: credentials(outcome.email, outcome.password) };
    case 'admin-exists':
      return outcome.password !== null
        ? { warning: false, text: credentials(outcome.email, outcome.password) }
        : { warning: false, text: `Log in as the existing admin ${outcome.email} with its own password (ADMIN_PASSWORD only sets the first admin's)` };
    case 'email-taken':
      return {
        warning: true,
        text: `No admin account exists, and ADMIN_EMAIL ${outcome.email} belongs to an account with the ${outcome.role} role, left as it is `
          + '(not promoted, password unchanged). To create the first admin, set ADMIN_EMAIL to an address no account uses and start again.',
      };
  }
}
