/**
 * Serves one value to all callers for `ttlMs`, and lets concurrent callers share one run, so a
 * burst of scrapes runs each tool once. `invalidate()` drops the value and any run already under
 * way; `refresh()` instead derives the next value from the last one (a partial update), which
 * callers get as soon as it is ready.
 */
export interface SingleFlight<T> {
  (): Promise<T>;
  invalidate(): void;
  refresh(update: (last: T) => Promise<T>): void;
}

export function singleFlight<T>(run: () => Promise<T>, ttlMs: number): SingleFlight<T> {
  let inFlight: Promise<T> | null = null;
  let cached: { value: T; at: number } | null = null;
  let last: T | null = null;
  let generation = 0;
  const track = (current: Promise<T>) => {
    const started = generation;
    const tracked = current
      .then((value) => {
        if (started === generation) cached = { value, at: performance.now() };
        last = value;
        return value;
      })
      .finally(() => {
        if (inFlight === tracked) inFlight = null;
      });
    inFlight = tracked;
    return tracked;
  };
  const get = () => {
    if (cached && performance.now() - cached.at < ttlMs) return Promise.resolve(cached.value);
    if (inFlight) return inFlight;
    return track(run());
  };
  const invalidate = () => {
    generation++;
    cached = null;
    inFlight = null;
  };
  const refresh = (update: (last: T) => Promise<T>) => {
    const base = last;
    invalidate();
    if (base === null) return;
    // A failed partial update leaves the next caller to run a full one.
    void track(update(base)).catch(() => invalidate());
  };
  return Object.assign(get, { invalidate, refresh });
}
