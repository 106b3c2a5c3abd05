import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations";
import { openPostgresHistory } from "./pg-store";
import { PgSyncSession } from "./pg-sync";
import { startTestPostgres, type TestPostgres } from "./pg-test-server";
import type { SqliteHistoryStore } from "./sqlite-store";
import { historyStoreContract } from "./store-contract";
import { T0 } from "./test-helpers";

let pg: TestPostgres;
let admin: PgSyncSession;
let databases = 0;
let database: string | null = null;
const open: SqliteHistoryStore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  admin = new PgSyncSession(pg.url);
}, 120_000);
afterAll(async () => {
  admin?.close();
  await pg?.stop();
}, 60_000);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  database = null;
});

/** The test's own empty database, opened as a history store (again after a restart when called twice). */
function url(): string {
  if (database === null) {
    database = `history_${++databases}`;
    admin.query(`CREATE DATABASE ${database}`);
  }
  return pg.url.replace(/\/postgres$/, `/${database}`);
}

function store(): SqliteHistoryStore {
  const s = openPostgresHistory(url());
  open.push(s);
  return s;
}

historyStoreContract(store);

describe("PostgreSQL migrations", () => {
  it("apply once, also when two dashboard instances open the database at once", async () => {
    const target = url();
    // Two instances starting together: each in its own worker-backed session.
    const [a, b] = await Promise.all([
      Promise.resolve().then(() => openPostgresHistory(target)),
      Promise.resolve().then(() => openPostgresHistory(target)),
    ]);
    open.push(a, b);
    const versions = a.db
      .prepare("SELECT version, name FROM schema_version ORDER BY version")
      .all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    a.recordChanges([{ clusterId: "c1", componentId: "quorum", atMs: T0, word: "Outage" }]);
    // What one instance writes, the other reads.
    expect(b.changes("c1", T0, T0 + 1)).toEqual([
      { clusterId: "c1", componentId: "quorum", atMs: T0, word: "Outage" },
    ]);
  });

  it("says which setting to fix when the server cannot be reached", () => {
    expect(() => openPostgresHistory("postgres://tiebreaker@127.0.0.1:1/postgres", 5_000)).toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
