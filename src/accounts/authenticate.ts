// Login check for the AdminJS authenticated router (the first admin: first-admin.ts).
import type { PrismaClient } from '@prisma/client';
import { verifyPassword } from './password.js';
import type { Role } from '../domain/roles.js';
import { isStorableText } from '../domain/storable-text.js';

/** What a built-in account's login puts in the session (AdminJS' currentAdmin). */
export interface AccountUser { id: number; email: string; role: Role; name: string | null }

export function makeAuthenticate(prisma: PrismaClient) {
  return async (email: string, password: string): Promise<AccountUser | null> => {
    // a NUL or a lone surrogate cannot be in any stored e-mail: a wrong login, not a database error
    if (!email || !password || !isStorableText(email)) return null;
    const user = await prisma.adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
    return { id: user.id, email: user.email, role: user.role, name: user.name };
  };
}
