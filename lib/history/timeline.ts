import { toTimeline, type Timeline } from "@/lib/surfaces/overview-timeline";
import type { HistoryStore } from "./types";
import { DAY_MS } from "./uptime";

/** The cluster's recorded state over the last `windowMs` (a day by default) up to `nowMs`. */
export function clusterTimeline(
  store: Pick<HistoryStore, "changes" | "coverage">,
  clusterId: string,
  intervalMs: number,
  nowMs: number,
  windowMs = DAY_MS,
): Timeline {
  const fromMs = nowMs - windowMs;
  return toTimeline({
    fromMs,
    toMs: nowMs,
    changes: store.changes(clusterId, fromMs, nowMs),
    coverage: store.coverage(clusterId, fromMs, nowMs),
    // The recorder starts a new segment after three silent intervals; until then it is running.
    liveGapMs: 3 * intervalMs,
  });
}
