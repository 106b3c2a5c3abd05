import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations";
import { migrate, openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import { historyStoreContract } from "./store-contract";
import { T0, tempDir } from "./test-helpers";
import { DAY_MS } from "./uptime";

let dir: string;
let cleanup: () => void;
let file: string;
const open: SqliteHistoryStore[] = [];

function store(): SqliteHistoryStore {
  const s = openSqliteHistory(file);
  open.push(s);
  return s;
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, "nested", "history.sqlite");
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanup();
});

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

describe("migrations", () => {
  it("apply once at open, in WAL mode, and opening again changes nothing", () => {
    const first = store();
    expect(first.db.pragma("journal_mode", { simple: true })).toBe("wal");
    const versions = () =>
      first.db.prepare("SELECT version, name FROM schema_version ORDER BY version").all();
    const all = MIGRATIONS.map((m) => ({ version: m.version, name: m.name }));
    expect(versions()).toEqual(all);
    first.recordChanges([{ clusterId: "c1", componentId: "quorum", atMs: T0, word: "Outage" }]);
    const second = store();
    expect(migrate(second.db)).toBe(LATEST);
    expect(versions()).toEqual(all);
    expect(second.changes("c1", T0, T0 + 1)).toHaveLength(1);
  });

  it("apply a new migration once and roll back a failing one whole", () => {
    const db = new Database(path.join(dir, "m.sqlite"));
    try {
      const next = [
        ...MIGRATIONS,
        { version: LATEST + 1, name: "next-note", sql: "CREATE TABLE note (x)" },
      ];
      expect(migrate(db, next)).toBe(LATEST + 1);
      expect(migrate(db, next)).toBe(LATEST + 1);
      const broken = [
        ...next,
        {
          version: LATEST + 2,
          name: "next-broken",
          sql: "CREATE TABLE good (x); CREATE TABLE note (y)",
        },
      ];
      expect(() => migrate(db, broken)).toThrow(/already exists/);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'good'")
        .all();
      expect(tables).toEqual([]);
      expect(db.prepare("SELECT max(version) AS v FROM schema_version").get()).toEqual({
        v: LATEST + 1,
      });
    } finally {
      db.close();
    }
  });
});

historyStoreContract(store);

describe("SQLite file", () => {
  it("stays intact after a purge", () => {
    const s = store();
    s.recordChanges([{ clusterId: "c1", componentId: "quorum", atMs: T0, word: "Outage" }]);
    s.purge(T0 + DAY_MS);
    expect(s.db.pragma("integrity_check", { simple: true })).toBe("ok");
  });
});
