// Login check for the AdminJS authenticated router, and creation of the first admin.
import type { PrismaClient } from '@prisma/client';
import { hashPassword, verifyPassword } from './password.js';
import type { Role } from '../domain/roles.js';

/** What a built-in account's login puts in the session (AdminJS' currentAdmin). */
export interface AccountUser { id: number; email: string; role: Role; name: string | null }

export function makeAuthenticate(prisma: PrismaClient) {
  return async (email: string, password: string): Promise<AccountUser | null> => {
    if (!email || !password) return null;
    const user = await prisma.adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
    return { id: user.id, email: user.email, role: user.role, name: user.name };
  };
}

export interface FirstAdmin { email: string; password: string; created: boolean }

/** Creates the first admin when there is no user yet; returns the login to print. */
export async function ensureFirstAdmin(prisma: PrismaClient, email: string, password: string): Promise<FirstAdmin> {
  const normalized = email.trim().toLowerCase();
  if ((await prisma.adminUser.count()) > 0) return { email: normalized, password, created: false };
  await prisma.adminUser.create({
    data: { email: normalized, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) },
  });
  return { email: normalized, password, created: true };
}
