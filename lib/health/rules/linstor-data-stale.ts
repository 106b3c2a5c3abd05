import { formatAge } from "@/lib/format";
import type { Finding, Rule } from "../types";

/**
 * LINSTOR data nobody can vouch for: the controller has not answered yet, or its last answer is
 * old without a recorded failure. A failed poll is linstor.controller-unreachable instead.
 */
export const linstorDataStale: Rule = (snapshot) => {
  const { linstor } = snapshot;
  if (!linstor || linstor.fresh || linstor.error) return [];
  const controller = linstor.data?.controller ?? "controller";
  const limitMs = snapshot.intervalMs * snapshot.thresholds.staleIntervals;
  const finding: Finding =
    linstor.data === null || linstor.ageMs === null
      ? {
          rule: "data.stale",
          severity: "unknown",
          subject: `linstor:${controller}`,
          title: "Waiting for the first answer from the LINSTOR controller",
          detail:
            "The LINSTOR controller has not answered or failed yet since polling started; its satellites and resources are unknown.",
          remedy: "Wait one refresh interval; if this stays, see linstor.controller-unreachable.",
        }
      : {
          rule: "data.stale",
          severity: "unknown",
          subject: `linstor:${controller}`,
          title: "LINSTOR data is out of date",
          detail: `The last answer from the LINSTOR controller ${controller} is ${formatAge(linstor.ageMs)} old, older than ${formatAge(limitMs)} (${snapshot.thresholds.staleIntervals} refresh intervals); its satellites and resources show unknown.`,
          remedy: "See why the controller does not answer (linstor.controller-unreachable).",
        };
  return [finding];
};
