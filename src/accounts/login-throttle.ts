// Brute-force protection of the login: failed attempts are counted per account (the e-mail as
// typed, known or not, so the answer tells nothing about which accounts exist) and per address;
// over the limit the login is refused for a while (429 with Retry-After) even with the right
// password. The counters are rate-limiter-flexible limiters passed in, so their state can live in
// a store shared by all instances (PostgreSQL, Redis); createLoginLimiters() makes them through
// one factory, in memory by default.
import { storableText } from '../domain/storable-text.js';
import { RateLimiterMemory, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LoginLimiters {
  /** Failed logins per e-mail. */
  perAccount: RateLimiterAbstract;
  /** Failed logins per client address. */
  perAddress: RateLimiterAbstract;
}

export type LimiterFactory = (options: IRateLimiterOptions & { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

const WINDOW_SECONDS = 15 * 60;
export const LOGIN_LIMITS = {
  /** failures of one account in the window before it is locked for the window */
  perAccount: 10,
  /** failures from one address in the window (many accounts tried) before it is locked */
  perAddress: 50,
  windowSeconds: WINDOW_SECONDS,
} as const;

export const memoryLimiter: LimiterFactory = (options) => new RateLimiterMemory(options);

export function createLoginLimiters(createLimiter: LimiterFactory = memoryLimiter): LoginLimiters {
  const lock = { duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS };
  return {
    perAccount: createLimiter({ keyPrefix: 'chats_login_account', points: LOGIN_LIMITS.perAccount, ...lock }),
    perAddress: createLimiter({ keyPrefix: 'chats_login_address', points: LOGIN_LIMITS.perAddress, ...lock }),
  };
}

// storable: the counters may live in PostgreSQL, which refuses NUL and lone surrogates in a key
const accountKey = (email: string): string => storableText(email.trim().toLowerCase().slice(0, 254));

/** A refused login attempt: too many failures; `retryAfter` in seconds. */
export class LoginThrottled extends Error {
  constructor(readonly retryAfter: number) {
    super(`Too many failed logins. Try again in ${Math.max(1, Math.ceil(retryAfter / 60))} minute${retryAfter > 60 ? 's' : ''}.`);
    this.name = 'LoginThrottled';
  }
}

/** A limiter over its limit rejects with a RateLimiterRes; anything else is the store failing. */
async function consumeQuietly(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}

export class LoginThrottle {
  constructor(private readonly limiters: LoginLimiters = createLoginLimiters()) {}

  /** Throws LoginThrottled when this account or this address may not try now. */
  async check(email: string, address: string): Promise<void> {
    const { perAccount, perAddress } = this.limiters;
    const [account, client] = await Promise.all([perAccount.get(accountKey(email)), perAddress.get(address)]);
    const waitMs = Math.max(
      account && account.consumedPoints >= perAccount.points ? account.msBeforeNext : 0,
      client && client.consumedPoints >= perAddress.points ? client.msBeforeNext : 0,
    );
    if (waitMs > 0) throw new LoginThrottled(Math.ceil(waitMs / 1000));
  }

  async failed(email: string, address: string): Promise<void> {
    await Promise.all([consumeQuietly(this.limiters.perAccount, accountKey(email)), consumeQuietly(this.limiters.perAddress, address)]);
  }

  /** A successful login clears the account's count (not the address's: it may be trying others). */
  async succeeded(email: string): Promise<void> {
    await this.limiters.perAccount.delete(accountKey(email));
  }
}
