// express-session store keeping sessions in the database (table "sessions"), so logins survive a
// restart and several app instances share them.
import session from 'express-session';
import type { PrismaClient, Prisma } from '@prisma/client';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
type Callback<T = void> = (error?: unknown, value?: T) => void;

export class PrismaSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly prisma: PrismaClient, private readonly ttlMs = DEFAULT_TTL_MS) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires) : undefined;
    return cookieExpiry && !Number.isNaN(cookieExpiry.getTime()) ? cookieExpiry : new Date(Date.now() + this.ttlMs);
  }

  get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.prisma.session.findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(undefined, null);
        return callback(undefined, row.data as unknown as session.SessionData);
      })
      .catch((error) => callback(error));
  }

  set(sid: string, sess: session.SessionData, callback?: Callback): void {
    const data = JSON.parse(JSON.stringify(sess)) as Prisma.InputJsonValue;
    const expiresAt = this.expiry(sess);
    this.prisma.session.upsert({ where: { sid }, create: { sid, data, expiresAt }, update: { data, expiresAt } })
      .then(() => this.pruneExpired())
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  touch(sid: string, sess: session.SessionData, callback?: Callback): void {
    this.prisma.session.updateMany({ where: { sid }, data: { expiresAt: this.expiry(sess) } })
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  destroy(sid: string, callback?: Callback): void {
    this.prisma.session.deleteMany({ where: { sid } })
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  /** Expired rows are removed at most once an hour, piggybacking on writes. */
  private async pruneExpired(): Promise<void> {
    if (Date.now() - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = Date.now();
    await this.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  }
}
