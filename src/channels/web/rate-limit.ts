// In-memory token buckets for the public widget endpoints: one per chat and client id (a chatty
// widget) and one per IP address (someone minting client ids). Bounded: the least recently used
// buckets are dropped when full, which at worst forgives a client early. Per process: several app
// instances each allow the configured rate.

export interface BucketRule {
  /** Requests allowed at once. */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
}

export interface RateLimitOptions {
  client: BucketRule;
  ip: BucketRule;
  /** Buckets kept per limiter. */
  maxKeys: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  // a person types far slower; a reconnecting widget replays its outbox in a burst
  client: { burst: 20, perSecond: 2 },
  // many visitors may share an address (offices, mobile carriers)
  ip: { burst: 300, perSecond: 50 },
  maxKeys: 50_000,
};

interface Bucket { tokens: number; at: number }

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rule: BucketRule, private readonly maxKeys: number, private readonly now: () => number = Date.now) {}

  /** Takes `cost` tokens; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string, cost = 1): number {
    const now = this.now();
    const found = this.buckets.get(key);
    const bucket = found ?? { tokens: this.rule.burst, at: now };
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rule.perSecond);
    bucket.at = now;
    // re-inserting keeps the Map in least-recently-used order for the eviction below
    if (found) this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (!found && this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.rule.perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }
}

export class WidgetRateLimiter {
  private readonly clients: TokenBuckets;
  private readonly ips: TokenBuckets;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMITS, now?: () => number) {
    this.clients = new TokenBuckets(options.client, options.maxKeys, now);
    this.ips = new TokenBuckets(options.ip, options.maxKeys, now);
  }

  /** 0 when allowed, else seconds to wait (Retry-After). Both buckets are charged. */
  take(chatId: number, clientId: string | null, ip: string): number {
    const byIp = this.ips.take(ip);
    const byClient = clientId ? this.clients.take(`${chatId}:${clientId}`) : 0;
    return Math.max(byIp, byClient);
  }
}
