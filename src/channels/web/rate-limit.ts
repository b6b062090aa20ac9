// Rate limits of the public widget endpoints: one per chat and client id (a chatty widget) and
// one per IP address (someone minting client ids), both charged on every request. The counters
// are shared by every app instance (src/limits/create-limiter.ts: Redis, PostgreSQL, or memory on
// PGlite), so N instances still allow the configured rate, not N times it. A rule is a burst and
// a sustained rate: `burst` requests per window of burst / perSecond seconds.
import type { CreateLimiter, RateLimiterAbstract } from '../../limits/create-limiter.js';
import { refusalSeconds } from '../../limits/create-limiter.js';

export interface BucketRule {
  /** Requests allowed at once. */
  burst: number;
  /** Requests per second on average. */
  perSecond: number;
}

export interface RateLimitOptions {
  client: BucketRule;
  ip: BucketRule;
  /** Unused since the limits are shared (kept for existing configurations). */
  maxKeys?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  // a person types far slower; a reconnecting widget replays its outbox in a burst
  client: { burst: 20, perSecond: 2 },
  // many visitors may share an address (offices, mobile carriers)
  ip: { burst: 300, perSecond: 50 },
};

function limiterOf(createLimiter: CreateLimiter, name: string, rule: BucketRule): RateLimiterAbstract {
  const duration = Math.max(1, Math.ceil(rule.burst / rule.perSecond));
  // the rule is in the prefix: routers with other limits never share counters
  return createLimiter({ keyPrefix: `chats_widget_${name}_${rule.burst}_${duration}`, points: rule.burst, duration });
}

export class WidgetRateLimiter {
  private readonly clients: RateLimiterAbstract;
  private readonly ips: RateLimiterAbstract;

  constructor(createLimiter: CreateLimiter, options: RateLimitOptions = DEFAULT_RATE_LIMITS) {
    this.clients = limiterOf(createLimiter, 'client', options.client);
    this.ips = limiterOf(createLimiter, 'ip', options.ip);
  }

  /** 0 when allowed, else seconds to wait (Retry-After). Both are charged; a store failure throws. */
  async take(chatId: number, clientId: string | null, ip: string): Promise<number> {
    const outcomes = await Promise.allSettled([
      this.ips.consume(ip),
      clientId ? this.clients.consume(`${chatId}:${clientId}`) : Promise.resolve(null),
    ]);
    let wait = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      const seconds = refusalSeconds(outcome.reason);
      if (seconds === null) throw outcome.reason;
      wait = Math.max(wait, seconds);
    }
    return wait;
  }
}
