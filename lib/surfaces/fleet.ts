import { z } from "zod";
import { byPriority } from "@/lib/health/evaluate";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { WALL_STATE_TONES, WALL_STATES, type WallState } from "./cluster-state";
import { severityTone, TONE_ICONS } from "./tone";
import { toWallModel } from "./wall";

const toneSchema = z.enum(["ok", "warn", "crit", "unknown", "info"]);

export const fleetFindingSchema = z.object({
  severity: z.enum(["critical", "warning", "info", "unknown"]),
  tone: toneSchema,
  icon: z.string(),
  title: z.string(),
  subject: z.string(),
});

/** One cluster's line on /fleet: its state word, the vote arithmetic and its worst finding. */
export const fleetRowSchema = z.object({
  clusterId: z.string(),
  name: z.string(),
  state: z.enum(WALL_STATES),
  tone: toneSchema,
  icon: z.string(),
  /** "2 of 3 votes, quorum 2, can lose 1", "votes unknown", or "no answer yet". */
  votes: z.string(),
  quorate: z.boolean().nullable(),
  nodes: z.object({ total: z.number().int(), online: z.number().int() }),
  worst: fleetFindingSchema.nullable(),
  counts: z.object({
    critical: z.number().int(),
    warning: z.number().int(),
    unknown: z.number().int(),
  }),
  /** When the latest view was built; null before the first answer. */
  takenAt: z.string().nullable(),
  /** Sources without a fresh answer, and why a cluster with no view yet has none. */
  stale: z.object({ sources: z.number().int(), oldestAgeMs: z.number().nullable() }),
  note: z.string().nullable(),
});
export type FleetRow = z.infer<typeof fleetRowSchema>;

export const fleetModelSchema = z.object({
  clusters: z.array(fleetRowSchema),
  /** How many clusters show each state word. */
  states: z.object({
    OK: z.number(),
    DEGRADED: z.number(),
    CRITICAL: z.number(),
    UNKNOWN: z.number(),
  }),
});
export type FleetModel = z.infer<typeof fleetModelSchema>;

export interface FleetEntry {
  clusterId: string;
  /** The configured name, if any. */
  name: string | null;
  /** The collector's latest view; null before its first answer. */
  view: EvaluatedCluster | null;
}

/** A known problem outranks a gap, as in the state word itself; an unknown cluster is never last. */
const STATE_RANK: Record<WallState, number> = { CRITICAL: 0, DEGRADED: 1, UNKNOWN: 2, OK: 3 };

function pendingRow(entry: FleetEntry): FleetRow {
  const tone = WALL_STATE_TONES.UNKNOWN;
  return {
    clusterId: entry.clusterId,
    name: entry.name ?? entry.clusterId,
    state: "UNKNOWN",
    tone,
    icon: TONE_ICONS[tone],
    votes: "no answer yet",
    quorate: null,
    nodes: { total: 0, online: 0 },
    worst: null,
    counts: { critical: 0, warning: 0, unknown: 0 },
    takenAt: null,
    stale: { sources: 0, oldestAgeMs: null },
    note: "waiting for the first answer from this cluster",
  };
}

function row(entry: FleetEntry, view: EvaluatedCluster): FleetRow {
  const wall = toWallModel(view, entry.name);
  const worst = byPriority(view.findings)[0];
  const count = (severity: string) => view.findings.filter((f) => f.severity === severity).length;
  return {
    clusterId: entry.clusterId,
    name: wall.name,
    state: wall.state,
    tone: wall.tone,
    icon: wall.icon,
    votes: wall.votes.sentence,
    quorate: wall.votes.quorate,
    nodes: {
      total: wall.nodes.length,
      online: wall.nodes.filter((n) => n.online === true).length,
    },
    worst: worst
      ? {
          severity: worst.severity,
          tone: severityTone(worst.severity),
          icon: TONE_ICONS[severityTone(worst.severity)],
          title: worst.title,
          subject: worst.subject,
        }
      : null,
    counts: { critical: count("critical"), warning: count("warning"), unknown: count("unknown") },
    takenAt: wall.takenAt,
    stale: wall.stale,
    note: null,
  };
}

function compareRows(a: FleetRow, b: FleetRow): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    b.counts.critical - a.counts.critical ||
    b.counts.warning - a.counts.warning ||
    b.counts.unknown - a.counts.unknown ||
    // "Site 9" before "Site 10", as an operator counts.
    a.name.localeCompare(b.name, "en", { numeric: true })
  );
}

/** Every configured cluster, worst first. */
export function toFleetModel(entries: readonly FleetEntry[]): FleetModel {
  const clusters = entries.map((e) => (e.view ? row(e, e.view) : pendingRow(e))).sort(compareRows);
  const states = { OK: 0, DEGRADED: 0, CRITICAL: 0, UNKNOWN: 0 };
  for (const c of clusters) states[c.state]++;
  return { clusters, states };
}
