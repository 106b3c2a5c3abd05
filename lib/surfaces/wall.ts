import { byPriority } from "@/lib/health/evaluate";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { QdeviceSummary } from "@/lib/health/summary";
import type { Finding, Severity } from "@/lib/health/types";
import { clusterState, WALL_STATE_TONES, type WallState } from "./cluster-state";
import { drbdRows, nodeRows, ocfs2Rows, voteMath } from "./overview";
import { qdeviceTone, severityTone, TONE_ICONS, type Tone } from "./tone";
import { canLose } from "@/lib/whatif/can-lose";
import { canLoseSentence } from "./overview-what-if";
import { voters, voteSentence, type Voter } from "./vote-bar";

/** How many findings the wall spells out; the rest are counted. */
export const WALL_BANNERS = 3;

export interface WallCount {
  word: string;
  tone: Tone;
  count: number;
}

export interface WallNode {
  name: string;
  online: boolean | null;
  /** This node's own corosync view; false while it sits in a minority. */
  quorate: boolean | null;
  votes: number | null;
  word: string;
  tone: Tone;
}

export interface WallBanner {
  severity: Severity;
  tone: Tone;
  icon: string;
  title: string;
}

/** The operators' wall: one state word, the vote arithmetic, counts, and the worst few findings. */
export interface WallModel {
  clusterId: string;
  name: string;
  state: WallState;
  tone: Tone;
  icon: string;
  takenAt: string;
  votes: {
    quorate: boolean | null;
    total: number | null;
    expected: number | null;
    quorum: number | null;
    canLose: number | null;
    /** "2 of 3 votes, quorum 2, can lose 1", or what is unknown. */
    sentence: string;
    /** "can lose: pve2 or the QDevice, not both", from the what-if engine. */
    canLoseLine: string;
    /** Each node and the QDevice, voting ones first: the segments of the vote bar. */
    voters: Voter[];
  };
  qdevice: { state: QdeviceSummary; word: string; tone: Tone };
  nodes: WallNode[];
  drbd: { total: number; counts: WallCount[] } | null;
  ocfs2: { total: number; counts: WallCount[] } | null;
  banners: WallBanner[];
  moreFindings: number;
  /** Sources without a fresh answer, with the oldest age, so a stale wall says so. */
  stale: { sources: number; oldestAgeMs: number | null };
}

const QDEVICE_WORDS: Record<QdeviceSummary, string> = {
  none: "No QDevice",
  connected: "QDevice voting",
  "not-voting": "QDevice not voting",
  unknown: "QDevice unknown",
};

function nodeTile(row: ReturnType<typeof nodeRows>[number]): Pick<WallNode, "word" | "tone"> {
  if (!row.agent.fresh && row.online === null) return { word: "unknown", tone: "unknown" };
  if (row.online === false) return { word: "offline", tone: "crit" };
  if (row.quorate === false) return { word: "no quorum", tone: "crit" };
  if (row.online === null || row.quorate === null) return { word: "unknown", tone: "unknown" };
  return { word: "online", tone: "ok" };
}

function worstFor(findings: readonly Finding[], subject: string): Finding | undefined {
  return byPriority(findings.filter((f) => f.subject === subject))[0];
}

/** A row's word from the findings about it; no finding and fresh data is the healthy word. */
function rowWord(
  finding: Finding | undefined,
  fresh: boolean,
  healthy: string,
  findings: readonly Finding[],
  subject: string,
): Pick<WallCount, "word" | "tone"> {
  if (finding?.severity === "critical") return { word: "critical", tone: "crit" };
  // A resync also degrades the copy it writes; "syncing" says that it is on its way back.
  if (findings.some((f) => f.subject === subject && f.rule === "drbd.resync"))
    return { word: "syncing", tone: finding?.severity === "warning" ? "warn" : "info" };
  if (finding?.severity === "warning") return { word: "degraded", tone: "warn" };
  if (!fresh || finding?.severity === "unknown") return { word: "unknown", tone: "unknown" };
  return { word: healthy, tone: "ok" };
}

function countWords(items: Pick<WallCount, "word" | "tone">[]): WallCount[] {
  const counts = new Map<string, WallCount>();
  for (const item of items) {
    const found = counts.get(item.word) ?? { ...item, count: 0 };
    found.count++;
    counts.set(item.word, found);
  }
  const order: Tone[] = ["crit", "warn", "unknown", "info", "ok"];
  return [...counts.values()].sort((a, b) => order.indexOf(a.tone) - order.indexOf(b.tone));
}

export function toWallModel(view: EvaluatedCluster, configuredName: string | null): WallModel {
  const { snapshot, summary, findings } = view;
  const state = clusterState(view);
  const tone = WALL_STATE_TONES[state];
  const votes = voteMath(snapshot, summary);
  const drbd = drbdRows(snapshot).map((row) =>
    rowWord(
      worstFor(findings, `drbd:${row.resource}`),
      row.nodes.some((n) => n.freshness.fresh),
      "in sync",
      findings,
      `drbd:${row.resource}`,
    ),
  );
  const ocfs2 = ocfs2Rows(snapshot).map((row) =>
    rowWord(
      worstFor(findings, `ocfs2:${row.mountpoint}`),
      row.nodes.some((n) => n.freshness.fresh),
      "mounted",
      findings,
      `ocfs2:${row.mountpoint}`,
    ),
  );
  const ordered = byPriority(findings);
  const ages = [snapshot.api, ...snapshot.nodes.map((n) => n.agent)].filter((s) => !s.fresh);
  return {
    clusterId: snapshot.clusterId,
    name: configuredName ?? snapshot.clusterName ?? snapshot.clusterId,
    state,
    tone,
    icon: TONE_ICONS[tone],
    takenAt: snapshot.takenAt,
    votes: {
      quorate: votes.quorate,
      total: votes.total,
      expected: votes.expected,
      quorum: votes.quorum,
      canLose: votes.canLose,
      sentence: voteSentence(votes),
      canLoseLine: canLoseSentence(canLose(view)),
      voters: voters(snapshot, summary),
    },
    qdevice: {
      state: summary.qdevice,
      word: QDEVICE_WORDS[summary.qdevice],
      tone: qdeviceTone(summary.qdevice),
    },
    nodes: nodeRows(snapshot, summary).map((row) => ({
      name: row.name,
      online: row.online,
      quorate: row.quorate,
      votes: row.votes,
      ...nodeTile(row),
    })),
    drbd: drbd.length > 0 ? { total: drbd.length, counts: countWords(drbd) } : null,
    ocfs2: ocfs2.length > 0 ? { total: ocfs2.length, counts: countWords(ocfs2) } : null,
    banners: ordered.slice(0, WALL_BANNERS).map((f) => {
      const t = severityTone(f.severity);
      return { severity: f.severity, tone: t, icon: TONE_ICONS[t], title: f.title };
    }),
    moreFindings: Math.max(0, ordered.length - WALL_BANNERS),
    stale: {
      sources: ages.length,
      oldestAgeMs: ages.reduce<number | null>(
        (oldest, s) => (s.ageMs === null ? oldest : Math.max(oldest ?? 0, s.ageMs)),
        null,
      ),
    },
  };
}
