// The first admin: created whenever the database has no account with the admin role, whatever
// made that database (the app's first start, the demo seed, migrations run by hand). Other
// accounts (demo operators and the viewer) do not count: they cannot administer anything.
import type { AdminUser, PrismaClient } from '@prisma/client';
import { hashPassword, verifyPassword } from './password.js';
import type { Role } from '../domain/roles.js';

export type FirstAdminOutcome =
  /** No admin existed: this account was created with the configured password. */
  | { status: 'created'; email: string; password: string }
  /**
   * An admin exists; nothing was changed. `email` is the configured admin when that account is an
   * admin, otherwise the oldest admin. `password` is the configured password only when it logs
   * in to that account (never a guess shown to the user).
   */
  | { status: 'admin-exists'; email: string; password: string | null }
  /**
   * No admin exists, and the configured e-mail belongs to an account of another role. Nothing was
   * changed: promoting it would make that account's password (a demo operator's is public) an
   * admin password, and resetting its password would lock its owner out.
   */
  | { status: 'email-taken'; email: string; role: Role };

export async function ensureFirstAdmin(prisma: PrismaClient, email: string, password: string): Promise<FirstAdminOutcome> {
  const wanted = email.trim().toLowerCase();
  const holder = await prisma.adminUser.findUnique({ where: { email: wanted } });
  if (holder?.role === 'admin') return existingAdmin(holder, password);
  const oldestAdmin = await prisma.adminUser.findFirst({ where: { role: 'admin' }, orderBy: { id: 'asc' } });
  if (oldestAdmin) return { status: 'admin-exists', email: oldestAdmin.email, password: null };
  if (holder) return { status: 'email-taken', email: wanted, role: holder.role };
  // ON CONFLICT DO NOTHING: another instance starting at the same moment may take the e-mail first.
  const { count } = await prisma.adminUser.createMany({
    data: [{ email: wanted, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) }],
    skipDuplicates: true,
  });
  if (count === 0) {
    const raced = await prisma.adminUser.findUniqueOrThrow({ where: { email: wanted } });
    return raced.role === 'admin' ? existingAdmin(raced, password) : { status: 'email-taken', email: wanted, role: raced.role };
  }
  return { status: 'created', email: wanted, password };
}

async function existingAdmin(admin: AdminUser, password: string): Promise<FirstAdminOutcome> {
  const works = await verifyPassword(password, admin.passwordHash);
  return { status: 'admin-exists', email: admin.email, password: works ? password : null };
}
