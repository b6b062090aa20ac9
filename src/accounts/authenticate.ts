// Login check for the AdminJS authenticated router (the first admin: first-admin.ts). On success
// the session is regenerated (a session id known before login is never the logged-in one) and
// the account's session version and login time go into it (account-sessions.ts checks them).
import type { Request } from 'express';
import type { PrismaClient } from '@prisma/client';
import { verifyPassword } from './password.js';
import type { Role } from '../domain/roles.js';

/** What a built-in account's login puts in the session (AdminJS' currentAdmin). */
export interface AccountUser {
  id: number;
  email: string;
  role: Role;
  name: string | null;
  /** The account's session version at login (admin_users.session_version). */
  sessionVersion: number;
  /** When the login happened (ms since the epoch): the absolute lifetime counts from here. */
  loginAt: number;
}

/** What AdminJS passes as the third argument of `authenticate`. */
export interface LoginContext { req?: Request }

/** A new session id for the request, keeping nothing of the old session. */
export function regenerateSession(req: Request | undefined): Promise<void> {
  const session = req?.session;
  if (!session) return Promise.resolve();
  return new Promise((resolve, reject) => session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
}

export function makeAuthenticate(prisma: PrismaClient) {
  return async (email: string, password: string, context: LoginContext = {}): Promise<AccountUser | null> => {
    if (!email || !password) return null;
    const user = await prisma.adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
    await regenerateSession(context.req);
    return { id: user.id, email: user.email, role: user.role, name: user.name, sessionVersion: user.sessionVersion, loginAt: Date.now() };
  };
}
