// Login check for the AdminJS authenticated router (the first admin: first-admin.ts). Failed
// attempts are throttled (login-throttle.ts); an unknown e-mail is checked against a hash of
// today's cost, so it takes as long as a known one. On success the session is regenerated (a
// session id known before login is never the logged-in one), a hash of older parameters is
// replaced, and the account's session version and login time go into the session
// (account-sessions.ts checks them on every request). Every attempt is recorded in the audit log
// with the address: a success under the account, a failure (wrong e-mail or password, or
// throttled) under the e-mail typed; a login whose entry cannot be written is refused.
import type { Request, Response } from 'express';
import type { PrismaClient } from '@prisma/client';
import { hashPassword, needsRehash, unknownAccountHash, verifyPassword } from './password.js';
import { LoginThrottle, LoginThrottled } from './login-throttle.js';
import { isStorableText, storableText } from '../domain/storable-text.js';
import type { Role } from '../domain/roles.js';
import type { AuditEntryInput } from '../domain/audit-actions.js';
import { AuditUnavailableError } from '../audit/audit-log.js';
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
  /** The audit log (createChatsAdmin's `context.audit`): logins and failed attempts are recorded there. */
  audit?: { record(entry: AuditEntryInput): Promise<void> };
}

const MAX_EMAIL_LENGTH = 254;

/**
 * A throttled attempt answers 429 with Retry-After (an unrecorded one 503). AdminJS renders the
 * login page with the error's message but always with status 400, so that one status is replaced.
 */
function answerRefused(res: Response | undefined, replacement: number, retryAfter: number): void {
  if (!res) return;
  res.set('Retry-After', String(retryAfter));
  const status = res.status.bind(res);
  res.status = ((code: number) => status(code === 400 ? replacement : code)) as typeof res.status;
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
    const record = async (entry: Omit<AuditEntryInput, 'address'>): Promise<void> => {
      try {
        await options.audit?.record({ ...entry, address });
      } catch (error) {
        if (error instanceof AuditUnavailableError) answerRefused(context.res, 503, 5);
        throw error;
      }
    };
    // the e-mail as typed, made storable (a NUL or half an emoji would fail the insert)
    const failed = (reason: string) => record({ action: 'login_failed', actor: { key: null, name: storableText(email.trim()) }, details: { reason } });
    try {
      await throttle.check(email, address);
    } catch (error) {
      if (!(error instanceof LoginThrottled)) throw error;
      logger.warn({ address, retryAfter: error.retryAfter }, 'login refused: too many failed attempts');
      await failed('throttled');
      answerRefused(context.res, 429, error.retryAfter);
      throw error;
    }
    const wanted = email.trim().toLowerCase();
    const usable = isStorableText(wanted) && wanted.length <= MAX_EMAIL_LENGTH;
    const found = usable ? await prisma.adminUser.findUnique({ where: { email: wanted } }) : null;
    const matches = await verifyPassword(password, found?.passwordHash ?? (await unknownAccountHash()));
    if (!found || !matches) {
      await throttle.failed(email, address);
      await failed(found ? 'wrong_password' : 'unknown_email');
      return null;
    }
    await record({ action: 'login', actor: { key: String(found.id), name: found.email } });
    await throttle.succeeded(email);
    // a new hash changes the session version (trigger): the returned row has the new one
    const user = needsRehash(found.passwordHash)
      ? await prisma.adminUser.update({ where: { id: found.id }, data: { passwordHash: await hashPassword(password) } })
      : found;
    await regenerateSession(context.req);
    return { id: user.id, email: user.email, role: user.role, name: user.name, sessionVersion: user.sessionVersion, loginAt: Date.now() };
  };
}
