import "server-only";
import type Database from "better-sqlite3";
import { PgSyncDatabase } from "./pg-database";
import { PgSyncSession } from "./pg-sync";
import { migrate, SqliteHistoryStore } from "./sqlite-store";

/** Serialises migrations of dashboard instances that start at once against one database. */
const MIGRATION_LOCK = 7_365_812_001;

/**
 * The store's SQL runs unchanged on PostgreSQL through this subset of better-sqlite3's API
 * (prepare/run/get/all, exec, transaction, open, close); SQLite-only calls such as pragmas do
 * nothing there.
 */
export function asSqliteApi(db: PgSyncDatabase): Database.Database {
  return db as unknown as Database.Database;
}

/** Opens the history in PostgreSQL, applying the same migrations as SQLite's, once. */
export function openPostgresHistory(url: string, timeoutMs = 10_000): SqliteHistoryStore {
  const session = new PgSyncSession(url, timeoutMs);
  try {
    session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      migrate(asSqliteApi(new PgSyncDatabase(session)));
    } finally {
      session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (err) {
    session.close();
    throw err;
  }
  return new SqliteHistoryStore(asSqliteApi(new PgSyncDatabase(session)));
}
