import "server-only";
import type { HistoryConfig } from "@/lib/config/history-schema";
import { DashboardConfigError } from "@/lib/config/load";
import { HistoryRecorder, type RecordableCollector } from "./recorder";
import { openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import { DAY_MS } from "./uptime";

export interface HistoryService {
  store: SqliteHistoryStore;
  recorder: HistoryRecorder;
  config: HistoryConfig;
}

/** Retention runs at start and then this often. */
const PURGE_EVERY_MS = 6 * 3_600_000;

// One store and recorder per server process; kept on globalThis so dev-mode reloads reuse them.
const holder = globalThis as typeof globalThis & { __tiebreakerHistory?: HistoryService };

/**
 * Opens the history database (migrating it) and records every collector's views into it. Calling
 * it again attaches collectors it has not seen and otherwise changes nothing.
 */
export function startHistory(
  config: HistoryConfig,
  collectors: Iterable<RecordableCollector>,
): HistoryService {
  let service = holder.__tiebreakerHistory;
  if (!service) {
    let store: SqliteHistoryStore;
    try {
      store = openSqliteHistory(config.sqlitePath);
    } catch (err) {
      throw new DashboardConfigError(
        `history.sqlitePath: cannot open ${config.sqlitePath}: ${(err as Error).message}`,
      );
    }
    const recorder = new HistoryRecorder(store, {
      openAfterIntervals: config.openAfterIntervals,
      resolveAfterIntervals: config.resolveAfterIntervals,
      onError: (err) => console.error(`[tiebreaker] history: recording failed: ${String(err)}`),
    });
    const purge = () => {
      try {
        store.purge(Date.now() - config.retentionDays * DAY_MS);
      } catch (err) {
        console.error(`[tiebreaker] history: retention failed: ${String(err)}`);
      }
    };
    purge();
    setInterval(purge, PURGE_EVERY_MS).unref();
    service = { store, recorder, config };
    holder.__tiebreakerHistory = service;
    console.log(
      config.sqlitePath === ":memory:"
        ? "[tiebreaker] history kept in memory; set history.sqlitePath to keep it across restarts"
        : `[tiebreaker] history in ${config.sqlitePath}, kept ${config.retentionDays} days`,
    );
  }
  for (const collector of collectors) service.recorder.attach(collector);
  return service;
}
