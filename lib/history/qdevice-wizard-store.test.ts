import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QdeviceWizardStore } from "./qdevice-wizard-store";
import { openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import { tempDir } from "./test-helpers";

let dir: string;
let cleanup: () => void;
let file: string;
const open: SqliteHistoryStore[] = [];
let counter = 0;

function wizard(): QdeviceWizardStore {
  const history = openSqliteHistory(file);
  open.push(history);
  return new QdeviceWizardStore(history.db, () => `run-${++counter}`);
}

const at = (minute: number) => `2026-11-30T08:${String(minute).padStart(2, "0")}:00.000Z`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir("tb-wizard-"));
  file = path.join(dir, "history.sqlite");
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanup();
});

describe("QDevice wizard progress in the history database", () => {
  it("survives a restart and is resumed by another admin, with who did what and when", () => {
    const first = wizard();
    first.apply(
      "lab",
      { action: "start", flow: "setup", host: "10.0.0.5" },
      { by: "alice", at: at(0) },
    );
    first.apply(
      "lab",
      { action: "probe", host: "10.0.0.5", reachable: true, ms: 4, error: null },
      { by: "alice", at: at(1) },
    );
    first.apply("lab", { action: "mark", step: "allow-root-ssh" }, { by: "alice", at: at(2) });
    open.splice(0).forEach((s) => s.close());

    const second = wizard();
    const resumed = second.current("lab");
    expect(resumed).toMatchObject({
      id: "run-1",
      flow: "setup",
      qnetdHost: "10.0.0.5",
      started: { by: "alice", at: at(0) },
      probe: { host: "10.0.0.5", reachable: true, ms: 4, by: "alice", at: at(1) },
      marks: [{ step: "allow-root-ssh", by: "alice", at: at(2) }],
    });
    second.apply("lab", { action: "mark", step: "disallow-root-ssh" }, { by: "bob", at: at(9) });
    second.apply("lab", { action: "finish" }, { by: "bob", at: at(10) });
    const done = second.current("lab")!;
    expect(done.finished).toEqual({ by: "bob", at: at(10) });
    expect(
      done.events.map((e) => `${e.at.slice(11, 16)} ${e.by} ${e.kind} ${e.step ?? ""}`.trim()),
    ).toEqual([
      "08:00 alice start",
      "08:01 alice probe",
      "08:02 alice mark allow-root-ssh",
      "08:09 bob mark disallow-root-ssh",
      "08:10 bob finish",
    ]);
  });

  it("keeps runs per cluster; a new start becomes the current run and the old one stays listed", () => {
    const store = wizard();
    store.apply("a", { action: "start", flow: "setup" }, { by: "alice", at: at(0) });
    store.apply("b", { action: "start", flow: "remove" }, { by: "bob", at: at(1) });
    store.apply("a", { action: "start", flow: "remove" }, { by: "alice", at: at(5) });
    expect(store.current("a")?.flow).toBe("remove");
    expect(store.current("b")?.flow).toBe("remove");
    expect(store.runs("a").map((r) => r.flow)).toEqual(["remove", "setup"]);
    expect(store.current("c")).toBeNull();
  });

  it("refuses what the progress rules refuse, and writes nothing then", () => {
    const store = wizard();
    expect(
      store.apply("lab", { action: "mark", step: "verify" }, { by: "alice", at: at(0) }),
    ).toMatchObject({ ok: false, status: 409 });
    store.apply("lab", { action: "start", flow: "remove" }, { by: "alice", at: at(0) });
    expect(
      store.apply("lab", { action: "mark", step: "verify" }, { by: "alice", at: at(1) }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(store.current("lab")?.events).toHaveLength(1);
  });

  it("two stores on one file (two server processes) see each other's changes", () => {
    const one = wizard();
    const two = wizard();
    one.apply("lab", { action: "start", flow: "setup" }, { by: "alice", at: at(0) });
    two.apply("lab", { action: "host", host: "qnetd.example.org" }, { by: "bob", at: at(1) });
    expect(one.current("lab")?.qnetdHost).toBe("qnetd.example.org");
  });
});
