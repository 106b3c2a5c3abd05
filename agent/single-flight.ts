/**
 * Serves one value to all callers for `ttlMs`, and lets concurrent callers share one run, so a
 * burst of scrapes runs each tool once.
 */
export function singleFlight<T>(run: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  let cached: { value: T; at: number } | null = null;
  return () => {
    if (cached && performance.now() - cached.at < ttlMs) return Promise.resolve(cached.value);
    if (inFlight) return inFlight;
    inFlight = run()
      .then((value) => {
        cached = { value, at: performance.now() };
        return value;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}
