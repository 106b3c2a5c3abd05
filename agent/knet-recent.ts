import type { AgentReport } from "@/lib/agents/schema";

/** How far back "recent" reaches: long enough for a few knet pings, short enough to clear soon. */
export const RECENT_WINDOW_MS = 30_000;

interface Reading {
  atMs: number;
  aveUs: number;
  samples: number;
}

/**
 * knet's latency_ave is the mean of every pong since the link came up (a moving mean only once
 * latency_samples reaches knet_ping_precision), so one slow spell keeps it high long after the
 * link is well again. From two readings while the count still grows, the mean of the pongs in
 * between is exact: (ave₂·n₂ − ave₁·n₁) / (n₂ − n₁). The agent keeps its own readings of the last
 * window and adds that figure as `latencyRecentUs`, left out when it cannot be worked out.
 */
export class KnetRecent {
  private readonly history = new Map<string, Reading[]>();

  constructor(private readonly windowMs = RECENT_WINDOW_MS) {}

  /** The report with `latencyRecentUs` on every knet link statistic it carries. */
  enrich(report: AgentReport, nowMs: number): AgentReport {
    const links = report.sections.links;
    if (links.status !== "ok" || links.data.stats === null) return report;
    const seen = new Set<string>();
    const nodes = links.data.stats.nodes.map((node) => ({
      ...node,
      links: node.links.map((link) => {
        const key = `${node.nodeId}/${link.linkId}`;
        seen.add(key);
        const recent = this.recent(key, link.latencyAveUs, link.latencySamples, nowMs);
        const copy = { ...link };
        // A figure from an earlier enrichment (a refreshed report) is replaced, never kept.
        delete copy.latencyRecentUs;
        return recent === null ? copy : { ...copy, latencyRecentUs: recent };
      }),
    }));
    for (const key of this.history.keys()) if (!seen.has(key)) this.history.delete(key);
    return {
      ...report,
      sections: {
        ...report.sections,
        links: { ...links, data: { ...links.data, stats: { ...links.data.stats, nodes } } },
      },
    };
  }

  private recent(
    key: string,
    aveUs: number | null,
    samples: number | null,
    nowMs: number,
  ): number | null {
    if (aveUs === null || samples === null) {
      this.history.delete(key);
      return null;
    }
    let readings = this.history.get(key) ?? [];
    // Fewer samples than before: the link went down and knet started counting again.
    if (readings.length > 0 && samples < readings.at(-1)!.samples) readings = [];
    readings.push({ atMs: nowMs, aveUs, samples });
    // Keep the newest reading at least a window old as the baseline, and everything after it.
    const cutoff = nowMs - this.windowMs;
    let first = 0;
    for (let i = 0; i < readings.length; i++) if (readings[i]!.atMs <= cutoff) first = i;
    readings = readings.slice(first);
    this.history.set(key, readings);
    const base = readings[0]!;
    if (samples <= base.samples) return null;
    const mean = (aveUs * samples - base.aveUs * base.samples) / (samples - base.samples);
    return Math.max(0, Math.round(mean));
  }
}
