// Login check for the AdminJS authenticated router (the first admin: first-admin.ts).
import type { PrismaClient } from '@prisma/client';
import { verifyPassword } from './password.js';
import type { CurrentUser } from '../domain/roles.js';

export function makeAuthenticate(prisma: PrismaClient) {
  return async (email: string, password: string): Promise<CurrentUser | null> => {
    if (!email || !password) return null;
    const user = await prisma.adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
    return { id: user.id, email: user.email, role: user.role, name: user.name };
  };
}
