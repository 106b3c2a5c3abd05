/**
 * A fixed-window counter per key (a client address): at most `limit` hits per `windowMs`. Kept in
 * memory, so it protects one server process; the clock comes from the caller.
 */
export class Throttle {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  allow(key: string, nowMs: number): boolean {
    const entry = this.hits.get(key);
    if (!entry || nowMs - entry.start >= this.windowMs) {
      if (this.hits.size > 10_000) this.prune(nowMs);
      this.hits.set(key, { start: nowMs, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Milliseconds until the key's window ends. */
  retryAfterMs(key: string, nowMs: number): number {
    const entry = this.hits.get(key);
    return entry ? Math.max(0, entry.start + this.windowMs - nowMs) : 0;
  }

  private prune(nowMs: number): void {
    for (const [key, entry] of this.hits)
      if (nowMs - entry.start >= this.windowMs) this.hits.delete(key);
  }
}
