// The built-in accounts' side of a session: what login stores, and a check on every admin request
// that the account still exists, with the same session version (role and password unchanged: see
// the session_version trigger), and that the session is younger than its absolute lifetime. A
// session that fails is destroyed, so AdminJS' guard sends the browser to the login page. The
// current role, name and e-mail are copied into the session, so every check sees them. The idle
// lifetime is the cookie's and the store row's sliding expiry (sessionCookie).
import type { RequestHandler, Request } from 'express';
import type { PrismaClient } from '@prisma/client';
import type { AccountUser } from './authenticate.js';

export const DEFAULT_IDLE_MINUTES = 60;
export const DEFAULT_ABSOLUTE_HOURS = 12;
/** How long a looked-up account is trusted, per instance: a change reaches other instances within it. */
export const DEFAULT_ACCOUNT_CACHE_MS = 5_000;

export interface SessionLifetimes {
  /** A session unused this long ends (default 60 min). */
  idleMs?: number;
  /** A session ends this long after login, used or not (default 12 h). */
  absoluteMs?: number;
  /** How long an account read is reused by this instance (default 5 s). */
  accountCacheMs?: number;
}

type AccountState = Pick<AccountUser, 'role' | 'name' | 'email' | 'sessionVersion'>;
type SessionWithUser = NonNullable<Request['session']> & { adminUser?: AccountUser };

const MAX_CACHED = 10_000;

export class AccountSessions {
  readonly idleMs: number;
  readonly absoluteMs: number;
  private readonly cacheMs: number;
  private readonly cache = new Map<number, { state: AccountState | null; until: number }>();

  constructor(private readonly prisma: PrismaClient, lifetimes: SessionLifetimes = {}) {
    this.idleMs = lifetimes.idleMs ?? DEFAULT_IDLE_MINUTES * 60_000;
    this.absoluteMs = lifetimes.absoluteMs ?? DEFAULT_ABSOLUTE_HOURS * 3_600_000;
    this.cacheMs = lifetimes.accountCacheMs ?? DEFAULT_ACCOUNT_CACHE_MS;
  }

  /** Drops what this instance knows of an account (after changing or deleting it). */
  forget(id: number): void {
    this.cache.delete(id);
  }

  /** Ends every stored session of an account, but the one given (a deleted account's, or after its password changed). */
  async endSessionsOf(id: number, exceptSid?: string): Promise<void> {
    this.forget(id);
    await this.prisma.session.deleteMany({ where: { data: { path: ['adminUser', 'id'], equals: id }, ...(exceptSid ? { NOT: { sid: exceptSid } } : {}) } });
  }

  private async state(id: number): Promise<AccountState | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.state;
    const state = await this.prisma.adminUser.findUnique({ where: { id }, select: { role: true, name: true, email: true, sessionVersion: true } });
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(id, { state, until: now + this.cacheMs });
    return state;
  }

  /** Mount after the session middleware, before AdminJS' router. */
  middleware(): RequestHandler {
    return (req, _res, next) => {
      const session = req.session as SessionWithUser | undefined;
      const user = session?.adminUser;
      if (!session || !user) return next();
      const tooOld = typeof user.loginAt !== 'number' || Date.now() - user.loginAt > this.absoluteMs;
      const check = tooOld ? Promise.resolve(null) : this.state(Number(user.id));
      check
        .then((state) => {
          if (!state || state.sessionVersion !== user.sessionVersion) return session.destroy(() => next());
          Object.assign(user, { role: state.role, name: state.name, email: state.email });
          return next();
        })
        .catch(next);
      return undefined;
    };
  }
}
