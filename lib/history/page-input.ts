import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import {
  COMPONENT_IDS,
  HISTORY_DAYS,
  toPublicStatus,
  UPTIME_WINDOW_MS,
  UPTIME_WINDOWS,
  type ComponentHistoryInput,
  type ComponentId,
  type PublicPageInput,
} from "@/lib/surfaces/public-status";
import type { HistoryStore } from "./types";
import { DAY_MS, lastDays } from "./uptime";

/** Maintenance announced this far ahead is listed. */
const AHEAD_MS = 365 * DAY_MS;

function componentHistory(
  store: HistoryStore,
  clusterId: string,
  componentId: ComponentId,
  nowMs: number,
): ComponentHistoryInput {
  const days = store
    .dailySummaries(clusterId, componentId, lastDays(nowMs, HISTORY_DAYS), nowMs)
    .map((d) => ({ day: d.day, ms: d.ms }));
  const windows = Object.fromEntries(
    UPTIME_WINDOWS.map((w) => [
      w,
      store.durations(clusterId, componentId, nowMs - UPTIME_WINDOW_MS[w], nowMs),
    ]),
  ) as ComponentHistoryInput["windows"];
  return { days, windows };
}

/** What `toPublicPage` needs for one page: the clusters' latest views and their history. */
export function publicPageInput(
  store: HistoryStore,
  page: PublicPageInput["page"],
  clusters: readonly { id: string; name: string; view: EvaluatedCluster | null }[],
  nowMs: number,
): PublicPageInput {
  const ids = clusters.map((c) => c.id);
  const since = nowMs - HISTORY_DAYS * DAY_MS;
  return {
    page,
    clusters: clusters.map(({ id, name, view }) => {
      const present = view ? toPublicStatus(view).components.map((c) => c.id) : COMPONENT_IDS;
      const history: PublicPageInput["clusters"][number]["history"] = {};
      for (const componentId of present)
        history[componentId] = componentHistory(store, id, componentId, nowMs);
      return { id, name, view, history };
    }),
    incidents: store.incidents(ids, since),
    maintenance: store.maintenance(ids, since, nowMs + AHEAD_MS),
    nowMs,
  };
}
