import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HistoryRecorder } from "./recorder";
import { openSqliteHistory } from "./sqlite-store";
import { tempDir, words } from "./test-helpers";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, "../..");
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir("tb-history-crash-")));
afterEach(() => cleanup());

/** Starts the recorder in a child process and SIGKILLs it once it has reported `count` changes. */
async function recordAndKill(file: string, count: number): Promise<string[]> {
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(here, "record-until-killed.ts"),
      file,
    ],
    { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    if (lines.length === count) child.kill("SIGKILL");
  }
  expect(await exited, stderr).toBe("SIGKILL");
  return lines;
}

describe("a recorder killed while it writes", () => {
  it("loses no committed change and leaves a database that passes integrity_check", async () => {
    const file = path.join(dir, "history.sqlite");
    const reported = await recordAndKill(file, 400);
    expect(reported.length).toBeGreaterThanOrEqual(400);

    const store = openSqliteHistory(file);
    try {
      expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = new Set(
        store
          .changes("c1", 0, Number.MAX_SAFE_INTEGER)
          .map((c) => `${c.componentId} ${c.atMs} ${c.word}`),
      );
      const missing = reported.filter((line) => !stored.has(line));
      expect(missing).toEqual([]);
      const incidents = store.incidents(["c1"], 0);
      expect(incidents.length).toBeGreaterThan(0);
      for (const incident of incidents) expect(incident.updates.length).toBeGreaterThan(0);

      // The next run carries on in the same file, in a segment of its own.
      const recorder = new HistoryRecorder(store, {
        openAfterIntervals: 2,
        resolveAfterIntervals: 2,
      });
      const later = Date.parse("2027-01-01T00:00:00Z");
      recorder.observe("c1", 1_000, words({ quorum: "Operational" }), later);
      expect(store.coverage("c1", later - 1, later + 1)).toEqual([
        { clusterId: "c1", startMs: later, endMs: later },
      ]);
    } finally {
      store.close();
    }
  });
});
