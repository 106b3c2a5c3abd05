/**
 * The overview streams of bench/load-soak.ts, in a process of their own: many browsers each hold
 * one stream, and one client process reading hundreds of them would delay its own latency
 * measurements of /api/cluster behind their events, which is the client's queue, not the server's.
 *
 *   npx tsx bench/load-streams.ts --port 3790 --count 200 --arrive-ms 20000
 *
 * Opens --count streams on /api/events?cluster=demo&model=overview at random moments within
 * --arrive-ms and notes, for each event, how old its view was when it had been read (now −
 * takenAt). Commands on standard input, one per line: `reset` forgets what was noted so far,
 * `report` prints one JSON line, `stop` closes every stream and exits.
 */
import { createInterface } from "node:readline";
import { flag } from "./flags";
import { percentile } from "./percentile";

const base = `http://127.0.0.1:${flag("port", 3790)}`;
const count = flag("count", 200);
const arriveMs = flag("arrive-ms", 20_000);

// The view's own time comes first in the answer: reading it with a pattern spares this client
// parsing the whole answer for every event of every stream.
const TAKEN_AT = /^data: \{"pending":false,[^{]*?"takenAt":"([^"]+)"/;

const controller = new AbortController();
let lags: number[] = [];
let opened = 0;
let refused = 0;
let broken = 0;
let malformed = 0;

async function follow(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * arriveMs));
  let response: Response;
  try {
    response = await fetch(`${base}/api/events?cluster=demo&model=overview`, {
      signal: controller.signal,
    });
  } catch {
    refused++;
    return;
  }
  if (!response.ok || !response.body) {
    refused++;
    return;
  }
  opened++;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const event = text.slice(0, end);
        text = text.slice(end + 2);
        const data = event.split("\n").find((line) => line.startsWith("data: "));
        if (!data) continue;
        const takenAt = TAKEN_AT.exec(data)?.[1];
        if (takenAt) lags.push(Date.now() - Date.parse(takenAt));
        else malformed++;
      }
    }
  } catch {
    // aborted, or cut off: told apart below
  }
  if (!controller.signal.aborted) broken++;
}

const streams = Array.from({ length: count }, follow);

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = line.trim();
  if (command === "reset") lags = [];
  if (command === "report") {
    const sorted = [...lags].sort((a, b) => a - b);
    const report = {
      opened,
      refused,
      broken,
      malformed,
      views: sorted.length,
      lagP50Ms: percentile(sorted, 50),
      lagP99Ms: percentile(sorted, 99),
      lagMaxMs: sorted.at(-1) ?? null,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
  if (command === "stop") {
    controller.abort();
    void Promise.allSettled(streams).then(() => process.exit(0));
  }
});
