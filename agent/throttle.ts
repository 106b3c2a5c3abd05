/**
 * Failed-authentication throttle: a token bucket per client address. Each wrong or missing token
 * takes one token from its address's bucket; an empty bucket answers 429 before the token is even
 * compared, so guessing costs the guesser time and never the agent work.
 */
export interface AuthThrottleOptions {
  /** Failures an address may make in a burst. */
  burst: number;
  /** Failures an address regains per minute. */
  perMinute: number;
  now?: () => number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { burst: 10, perMinute: 10 };

/** Addresses kept at most; full buckets are dropped first, as they hold no state. */
const MAX_ADDRESSES = 10_000;

export class AuthThrottle {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private readonly now: () => number;
  private readonly perMs: number;

  constructor(private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE) {
    this.now = options.now ?? Date.now;
    this.perMs = options.perMinute / 60_000;
  }

  private level(address: string): number {
    const bucket = this.buckets.get(address);
    if (!bucket) return this.options.burst;
    const refilled = bucket.tokens + (this.now() - bucket.atMs) * this.perMs;
    return Math.min(this.options.burst, refilled);
  }

  /** Seconds until the address may try again; 0 when it may try now. */
  retryAfterSeconds(address: string): number {
    const level = this.level(address);
    if (level >= 1) return 0;
    return Math.max(1, Math.ceil((1 - level) / this.perMs / 1000));
  }

  /** Records one failed authentication from the address. */
  fail(address: string): void {
    if (this.buckets.size >= MAX_ADDRESSES) this.prune();
    this.buckets.set(address, { tokens: Math.max(0, this.level(address) - 1), atMs: this.now() });
  }

  private prune(): void {
    for (const address of this.buckets.keys())
      if (this.level(address) >= this.options.burst) this.buckets.delete(address);
    // Still full of live buckets: forget the oldest rather than grow without bound.
    while (this.buckets.size >= MAX_ADDRESSES) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
