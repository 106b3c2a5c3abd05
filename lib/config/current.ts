import "server-only";
import { loadConfig, type ResolvedConfig } from "./load";

// One config per server process, shared by the request guard (proxy.ts) and the collectors, so
// that both sign sessions with the same key even when it is random for this process.
const holder = globalThis as typeof globalThis & { __tiebreakerConfig?: ResolvedConfig };

/** The configuration this process runs with, read on first use. */
export function currentConfig(): ResolvedConfig {
  holder.__tiebreakerConfig ??= loadConfig();
  return holder.__tiebreakerConfig;
}
