// Records into the history database as fast as it can until it is killed, printing each state
// change after its transaction has committed. The crash test SIGKILLs it mid-write.
import type { ComponentId } from "@/lib/surfaces/public-status";
import { HistoryRecorder } from "./recorder";
import { openSqliteHistory } from "./sqlite-store";
import type { RecordedWord } from "./types";

const file = process.argv[2];
if (!file) throw new Error("usage: record-until-killed.ts <sqlite file>");
const store = openSqliteHistory(file);
const recorder = new HistoryRecorder(store, { openAfterIntervals: 2, resolveAfterIntervals: 2 });
const cycle: RecordedWord[] = ["Operational", "Operational", "Degraded", "Outage", "Outage"];
let t = Date.parse("2026-06-01T00:00:00Z");
let i = 0;

function step(): void {
  for (let k = 0; k < 10; k++, i++, t += 1_000) {
    const words = new Map<ComponentId, RecordedWord>([
      ["quorum", cycle[i % cycle.length]!],
      ["nodes", "Operational"],
    ]);
    for (const c of recorder.observe("c1", 1_000, words, t))
      process.stdout.write(`${c.componentId} ${c.atMs} ${c.word}\n`);
  }
  setImmediate(step);
}
step();
