import type { Finding } from "@/lib/health/types";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { HistoryStore, TrackedFinding } from "./types";

export interface FindingOutboxOptions {
  /** The receivers a finding of this cluster goes to; none = it is not tracked. */
  route: (clusterId: string, finding: Finding) => readonly string[];
  openAfterIntervals: number;
  resolveAfterIntervals: number;
  /** Called after a view queued at least one notification. */
  onQueued?: () => void;
}

interface ClusterFindings {
  /** Announced findings by key, as stored. */
  announced: Map<string, TrackedFinding>;
  /** Present but not yet announced: since when. */
  seen: Map<string, number>;
  /** Announced but absent from complete views: since when. */
  absent: Map<string, number>;
}

/**
 * Whether every source has answered or failed at least once. Before that the findings describe
 * Tiebreaker's own start ("waiting for the first answer"), not the cluster.
 */
export function heardFromEverySource(
  snapshot: Pick<ClusterSnapshot, "api" | "nodes" | "agentsExpected">,
): boolean {
  const heard = (source: { data: unknown; error: unknown }) =>
    source.data !== null || source.error !== null;
  if (!heard(snapshot.api)) return false;
  return snapshot.agentsExpected === false || snapshot.nodes.every((n) => heard(n.agent));
}

export function findingKey(finding: Pick<Finding, "rule" | "subject" | "severity">): string {
  return `${finding.rule}|${finding.subject}|${finding.severity}`;
}

/**
 * Turns each view's findings into openings and closings, recorded once in the history store with
 * one queued delivery per receiver. A finding opens after it has been present for
 * `openAfterIntervals` and closes after it has been absent for `resolveAfterIntervals`; while any
 * part of the cluster is unknown, absence proves nothing and no finding closes. Views taken before
 * every source was heard from once are passed over.
 */
export class FindingOutbox {
  private readonly clusters = new Map<string, ClusterFindings>();

  constructor(
    private readonly store: HistoryStore,
    private readonly options: FindingOutboxOptions,
  ) {}

  private memory(clusterId: string): ClusterFindings {
    let memory = this.clusters.get(clusterId);
    if (!memory) {
      // What a previous run announced is still open: it is neither announced again nor forgotten.
      const announced = new Map(this.store.openFindings(clusterId).map((f) => [f.key, f]));
      memory = { announced, seen: new Map(), absent: new Map() };
      this.clusters.set(clusterId, memory);
    }
    return memory;
  }

  /** One view's findings at `atMs`; returns how many notifications it queued. */
  observe(
    clusterId: string,
    intervalMs: number,
    findings: readonly Finding[],
    atMs: number,
    heardFromAll = true,
  ): number {
    if (!heardFromAll) return 0;
    const memory = this.memory(clusterId);
    const openAfterMs = this.options.openAfterIntervals * intervalMs;
    const resolveAfterMs = this.options.resolveAfterIntervals * intervalMs;
    const present = new Map<string, Finding>();
    for (const f of findings) if (!present.has(findingKey(f))) present.set(findingKey(f), f);
    const complete = !findings.some((f) => f.severity === "unknown");
    let queued = 0;
    try {
      this.store.transaction(() => {
        // Closings first: a finding whose severity changed is closed before its successor opens.
        for (const [key, tracked] of memory.announced) {
          if (present.has(key)) continue;
          if (!complete) {
            memory.absent.delete(key);
            continue;
          }
          const since = memory.absent.get(key) ?? atMs;
          memory.absent.set(key, since);
          if (atMs - since < resolveAfterMs) continue;
          this.store.closeFinding(tracked.id, since);
          memory.announced.delete(key);
          memory.absent.delete(key);
          queued += 1;
        }
        for (const [key, finding] of present) {
          memory.absent.delete(key);
          if (memory.announced.has(key)) continue;
          const since = memory.seen.get(key) ?? atMs;
          memory.seen.set(key, since);
          if (atMs - since < openAfterMs) continue;
          const receivers = this.options.route(clusterId, finding);
          if (receivers.length === 0) continue;
          const tracked = this.store.openFinding(
            {
              clusterId,
              key,
              rule: finding.rule,
              severity: finding.severity,
              subject: finding.subject,
              title: finding.title,
              detail: finding.detail,
              remedy: finding.remedy,
              openedAtMs: since,
            },
            receivers,
          );
          memory.announced.set(key, tracked);
          memory.seen.delete(key);
          queued += receivers.length;
        }
        for (const key of memory.seen.keys()) if (!present.has(key)) memory.seen.delete(key);
      });
    } catch (err) {
      // The writes were rolled back: start again from what the store holds.
      this.clusters.delete(clusterId);
      throw err;
    }
    if (queued > 0) this.options.onQueued?.();
    return queued;
  }
}
