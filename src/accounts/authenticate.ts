// Login check for the AdminJS authenticated router (the first admin: first-admin.ts). Failed
// attempts are throttled (login-throttle.ts); an unknown e-mail is checked against a hash of
// today's cost, so it takes as long as a known one. On success the session is regenerated (a
// session id known before login is never the logged-in one), a hash of older parameters is
// replaced, and the account's session version and login time go into the session
// (account-sessions.ts checks them on every request).
import type { Request, Response } from 'express';
import type { PrismaClient } from '@prisma/client';
import { hashPassword, needsRehash, unknownAccountHash, verifyPassword } from './password.js';
import { LoginThrottle, LoginThrottled } from './login-throttle.js';
import { isStorableText } from '../domain/storable-text.js';
import type { Role } from '../domain/roles.js';
import { silentLogger, type Logger } from '../logger.js';

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
export interface LoginContext { req?: Request; res?: Response }

export interface AuthenticateOptions {
  /** Failed-login counters; in memory by default (pass limiters on a shared store with several instances). */
  throttle?: LoginThrottle;
  /** Where refused (throttled) attempts are reported, with the address but never the e-mail or password. */
  logger?: Logger;
}

const MAX_EMAIL_LENGTH = 254;

/**
 * A throttled attempt answers 429 with Retry-After. AdminJS renders the login page with the
 * error's message but always with status 400, so that one status is turned into 429.
 */
function answerTooMany(res: Response | undefined, retryAfter: number): void {
  if (!res) return;
  res.set('Retry-After', String(retryAfter));
  const status = res.status.bind(res);
  res.status = ((code: number) => status(code === 400 ? 429 : code)) as typeof res.status;
}

/** A new session id for the request, keeping nothing of the old session. */
export function regenerateSession(req: Request | undefined): Promise<void> {
  const session = req?.session;
  if (!session) return Promise.resolve();
  return new Promise((resolve, reject) => session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
}

export function makeAuthenticate(prisma: PrismaClient, options: AuthenticateOptions = {}) {
  const throttle = options.throttle ?? new LoginThrottle();
  const logger = options.logger ?? silentLogger;
  return async (email: string, password: string, context: LoginContext = {}): Promise<AccountUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) return null;
    const address = context.req?.ip ?? 'unknown';
    try {
      await throttle.check(email, address);
    } catch (error) {
      if (!(error instanceof LoginThrottled)) throw error;
      logger.warn({ address, retryAfter: error.retryAfter }, 'login refused: too many failed attempts');
      answerTooMany(context.res, error.retryAfter);
      throw error;
    }
    const wanted = email.trim().toLowerCase();
    const usable = isStorableText(wanted) && wanted.length <= MAX_EMAIL_LENGTH;
    const found = usable ? await prisma.adminUser.findUnique({ where: { email: wanted } }) : null;
    const matches = await verifyPassword(password, found?.passwordHash ?? (await unknownAccountHash()));
    if (!found || !matches) {
      await throttle.failed(email, address);
      return null;
    }
    await throttle.succeeded(email);
    // a new hash changes the session version (trigger): the returned row has the new one
    const user = needsRehash(found.passwordHash)
      ? await prisma.adminUser.update({ where: { id: found.id }, data: { passwordHash: await hashPassword(password) } })
      : found;
    await regenerateSession(context.req);
    return { id: user.id, email: user.email, role: user.role, name: user.name, sessionVersion: user.sessionVersion, loginAt: Date.now() };
  };
}
