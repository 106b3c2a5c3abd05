import "server-only";
import { readFileSync } from "node:fs";
import type { HistoryConfig } from "@/lib/config/history-schema";
import { DashboardConfigError } from "@/lib/config/load";
import { HistoryRecorder, type RecordableCollector } from "./recorder";
import { openPostgresHistory } from "./pg-store";
import { openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import { DAY_MS } from "./uptime";

export interface HistoryService {
  store: SqliteHistoryStore;
  recorder: HistoryRecorder;
  config: HistoryConfig;
}

/** The configured store, opened and migrated; a store that cannot be opened stops the server. */
function openHistoryStore(config: HistoryConfig): SqliteHistoryStore {
  if (config.driver === "postgres") {
    const field = config.urlFile ? "history.urlFile" : "history.url";
    try {
      return openPostgresHistory(postgresUrl(config));
    } catch (err) {
      // The message names the setting, never the URL: it may hold a password.
      throw new DashboardConfigError(
        `${field}: cannot open the PostgreSQL history: ${(err as Error).message}`,
      );
    }
  }
  try {
    return openSqliteHistory(config.sqlitePath);
  } catch (err) {
    throw new DashboardConfigError(
      `history.sqlitePath: cannot open ${config.sqlitePath}: ${(err as Error).message}`,
    );
  }
}

/** history.url, or the first line of history.urlFile. */
export function postgresUrl(config: HistoryConfig): string {
  if (config.url) return config.url;
  try {
    return readFileSync(config.urlFile!, "utf8").split("\n")[0]!.trim();
  } catch (err) {
    throw new DashboardConfigError(
      `history.urlFile: cannot read ${config.urlFile}: ${(err as Error).message}`,
    );
  }
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
    const store = openHistoryStore(config);
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
      config.driver === "postgres"
        ? `[tiebreaker] history in PostgreSQL, kept ${config.retentionDays} days`
        : config.sqlitePath === ":memory:"
          ? "[tiebreaker] history kept in memory; set history.sqlitePath to keep it across restarts"
          : `[tiebreaker] history in ${config.sqlitePath}, kept ${config.retentionDays} days`,
    );
  }
  for (const collector of collectors) service.recorder.attach(collector);
  return service;
}
