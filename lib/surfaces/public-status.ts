import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { Finding, Severity } from "@/lib/health/types";
import { drbdResources } from "@/lib/health/views-drbd";
import { ocfs2Rows } from "./overview";
import type { Tone } from "./tone";

/** The status page's words (contract section 6). */
export const STATUS_WORDS = [
  "Operational",
  "Degraded",
  "Outage",
  "Unknown",
  "Maintenance",
] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/** The tone each status word is drawn in; the word and its icon always travel with it. */
export const STATUS_WORD_TONES: Record<StatusWord, Tone> = {
  Operational: "ok",
  Degraded: "warn",
  Outage: "crit",
  Unknown: "unknown",
  Maintenance: "info",
};

export const COMPONENT_IDS = ["quorum", "drbd", "ocfs2", "storage", "nodes", "ceph"] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

const COMPONENT_NAMES: Record<ComponentId, string> = {
  quorum: "Cluster quorum",
  drbd: "Replicated storage (DRBD)",
  ocfs2: "Shared file system (OCFS2)",
  storage: "Shared storage",
  nodes: "Node availability",
  ceph: "Ceph",
};

/** Which component a rule speaks about; rules about missing data mark every component they starve. */
const RULE_COMPONENTS: Record<string, readonly ComponentId[]> = {
  quorum: ["quorum"],
  corosync: ["quorum"],
  node: ["nodes"],
  ha: ["nodes"],
  drbd: ["drbd"],
  linstor: ["drbd"],
  ocfs2: ["ocfs2"],
  storage: ["storage"],
  ceph: ["ceph"],
  pve: ["storage", "nodes"],
};

const SEVERITY_WORDS: Record<Severity, StatusWord> = {
  critical: "Outage",
  warning: "Degraded",
  unknown: "Unknown",
  info: "Operational",
};

const RANK: Record<StatusWord, number> = {
  Outage: 0,
  Degraded: 1,
  Unknown: 2,
  Maintenance: 3,
  Operational: 4,
};

export function componentName(id: ComponentId): string {
  return COMPONENT_NAMES[id];
}

export interface PublicComponent {
  id: ComponentId;
  name: string;
  status: StatusWord;
}

/**
 * What an anonymous visitor may see: words and component names only. Built by allow-listing, so
 * node names, addresses, storage ids, tool states and error texts cannot reach it.
 */
export interface PublicStatus {
  status: StatusWord;
  components: PublicComponent[];
  updatedAt: string;
}

export function worstWord(words: readonly StatusWord[]): StatusWord {
  return words.reduce<StatusWord>((a, b) => (RANK[b] < RANK[a] ? b : a), "Operational");
}

function componentsOf(finding: Finding): readonly ComponentId[] {
  if (finding.rule === "data.stale") {
    return finding.subject.startsWith("node:") ? ["nodes"] : ["quorum", "nodes"];
  }
  return RULE_COMPONENTS[finding.rule.slice(0, finding.rule.indexOf("."))] ?? [];
}

/** The status of one cluster now, without history: what the recorder writes down. */
export function toPublicStatus(view: EvaluatedCluster): PublicStatus {
  const { snapshot, summary, findings } = view;
  const words = new Map<ComponentId, StatusWord[]>();
  const mark = (id: ComponentId, word: StatusWord) =>
    words.set(id, [...(words.get(id) ?? []), word]);
  for (const finding of findings) {
    for (const id of componentsOf(finding)) mark(id, SEVERITY_WORDS[finding.severity]);
  }
  mark("quorum", summary.quorate === null ? "Unknown" : "Operational");
  mark("nodes", summary.nodes.some((n) => n.online === null) ? "Unknown" : "Operational");

  const present = new Set<ComponentId>(["quorum", "nodes"]);
  if ((snapshot.api.data?.storages ?? []).some((s) => s.shared && !s.disabled))
    present.add("storage");
  if (drbdResources(snapshot).length > 0) present.add("drbd");
  if (ocfs2Rows(snapshot).length > 0) present.add("ocfs2");
  for (const id of words.keys()) present.add(id);

  const components = COMPONENT_IDS.filter((id) => present.has(id)).map((id) => ({
    id,
    name: COMPONENT_NAMES[id],
    status: worstWord(words.get(id) ?? ["Operational"]),
  }));
  return {
    status: worstWord(components.map((c) => c.status)),
    components,
    updatedAt: snapshot.takenAt,
  };
}

/* ---- The public page: the status now, laid over the recorded history ---- */

/** Milliseconds a component spent in each word; NoData is time before recording began. */
export interface Durations {
  Operational: number;
  Degraded: number;
  Outage: number;
  Unknown: number;
  Maintenance: number;
  NoData: number;
}

export const UPTIME_WINDOWS = ["24h", "7d", "30d", "90d"] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];
export const UPTIME_WINDOW_MS: Record<UptimeWindow, number> = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
};

/** How many days the uptime bar and the incident list reach back. */
export const HISTORY_DAYS = 90;

/** A day whose observed time is more than this share Unknown shows as Unknown in the bar. */
export const UNKNOWN_DAY_SHARE = 0.01;

/**
 * The share of observed time a component was up. Degraded counts as up (the service works with
 * less redundancy), Unknown as not up; maintenance and time without data are left out. Null when
 * nothing was observed.
 */
export function upRatio(d: Durations): number | null {
  const observed = d.Operational + d.Degraded + d.Outage + d.Unknown;
  return observed === 0 ? null : (d.Operational + d.Degraded) / observed;
}

/** One word for a day of the uptime bar: any outage or degradation shows; null without data. */
export function dayWord(d: Durations): StatusWord | null {
  const observed = d.Operational + d.Degraded + d.Outage + d.Unknown + d.Maintenance;
  if (observed === 0) return null;
  if (d.Outage > 0) return "Outage";
  if (d.Degraded > 0) return "Degraded";
  if (d.Unknown > observed * UNKNOWN_DAY_SHARE) return "Unknown";
  if (d.Maintenance > 0) return "Maintenance";
  return d.Operational > 0 ? "Operational" : "Unknown";
}

/**
 * An uptime share as a percentage, rounded down so that any downtime shows below 100 %; "no data"
 * when nothing was observed.
 */
export function uptimeText(ratio: number | null): string {
  if (ratio === null) return "no data";
  const hundredths = Math.floor(ratio * 10_000 + 1e-9);
  return `${(hundredths / 100).toFixed(2)} %`;
}

/** A moment as a visitor anywhere reads it: "30 Nov 2026, 14:05 UTC". */
export function utcText(iso: string): string {
  const d = new Date(iso);
  const month = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ][d.getUTCMonth()];
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

export interface ComponentHistoryInput {
  /** Oldest first, one per UTC day (YYYY-MM-DD). */
  days: readonly { day: string; ms: Durations }[];
  windows: Record<UptimeWindow, Durations>;
}

export interface IncidentInput {
  id: number;
  clusterId: string;
  componentId: ComponentId | null;
  impact: "degraded" | "outage";
  status: "investigating" | "identified" | "monitoring" | "resolved";
  title: string;
  startedAtMs: number;
  resolvedAtMs: number | null;
  postmortem: string | null;
  updates: readonly {
    atMs: number;
    status: "investigating" | "identified" | "monitoring" | "resolved";
    body: string;
  }[];
}

export interface MaintenanceInput {
  id: number;
  clusterId: string;
  componentIds: readonly ComponentId[] | null;
  title: string;
  body: string;
  startsAtMs: number;
  endsAtMs: number;
}

export interface PublicPageInput {
  page: { id: string; title: string; showNames: boolean };
  clusters: readonly {
    id: string;
    name: string;
    /** Null before the collector's first view. */
    view: EvaluatedCluster | null;
    history: Partial<Record<ComponentId, ComponentHistoryInput>>;
  }[];
  incidents: readonly IncidentInput[];
  maintenance: readonly MaintenanceInput[];
  nowMs: number;
}

export type PublicUptime = Record<UptimeWindow, number | null>;

export interface PublicDay {
  date: string;
  status: StatusWord | null;
  uptime: number | null;
}

export interface PublicPageComponent extends PublicComponent {
  /** `<cluster id>.<component id>`: unique on a page covering several clusters. */
  key: string;
  uptime: PublicUptime;
  days: PublicDay[];
  /** Only on pages whose operator opted in with showNames: the names the findings are about. */
  affected?: string[];
}

export interface PublicGroup {
  /** The cluster's name; null on a page that covers one cluster (the page title names it). */
  name: string | null;
  status: StatusWord;
  components: PublicPageComponent[];
}

export interface PublicIncidentUpdate {
  at: string;
  status: IncidentInput["status"];
  body: string;
}

export interface PublicIncident {
  id: number;
  title: string;
  impact: IncidentInput["impact"];
  status: IncidentInput["status"];
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  components: string[];
  updates: PublicIncidentUpdate[];
  postmortem: string | null;
}

export interface PublicMaintenance {
  id: number;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
  state: "scheduled" | "in-progress" | "completed";
  components: string[];
}

/** Everything a public route may show, and nothing else. */
export interface PublicPage {
  id: string;
  title: string;
  status: StatusWord;
  /** The oldest of the clusters' latest polls; null while any cluster has none yet. */
  updatedAt: string | null;
  groups: PublicGroup[];
  incidents: PublicIncident[];
  maintenance: PublicMaintenance[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function covers(window: MaintenanceInput, id: ComponentId): boolean {
  return window.componentIds === null || window.componentIds.includes(id);
}

/** The names a finding is about, for pages that opted in: node, storage or resource names. */
function subjectName(finding: Finding): string | null {
  return finding.subject === "cluster"
    ? null
    : finding.subject.slice(finding.subject.indexOf(":") + 1);
}

function emptyUptime(): PublicUptime {
  return { "24h": null, "7d": null, "30d": null, "90d": null };
}

function pageComponents(
  cluster: PublicPageInput["clusters"][number],
  active: readonly MaintenanceInput[],
  showNames: boolean,
): PublicPageComponent[] {
  const now: PublicComponent[] = cluster.view
    ? toPublicStatus(cluster.view).components
    : (["quorum", "nodes"] as const).map((id) => ({
        id,
        name: COMPONENT_NAMES[id],
        status: "Unknown" as const,
      }));
  return now.map((c) => {
    const history = cluster.history[c.id];
    const inMaintenance = active.some((w) => w.clusterId === cluster.id && covers(w, c.id));
    const status: StatusWord =
      inMaintenance && c.status !== "Operational" ? "Maintenance" : c.status;
    const component: PublicPageComponent = {
      id: c.id,
      key: `${cluster.id}.${c.id}`,
      name: c.name,
      status,
      uptime: history
        ? (Object.fromEntries(
            UPTIME_WINDOWS.map((w) => [w, upRatio(history.windows[w])]),
          ) as PublicUptime)
        : emptyUptime(),
      days: (history?.days ?? []).map((d) => ({
        date: d.day,
        status: dayWord(d.ms),
        uptime: upRatio(d.ms),
      })),
    };
    if (showNames && cluster.view) {
      const names = cluster.view.findings
        .filter((f) => f.severity !== "info" && componentsOf(f).includes(c.id))
        .map(subjectName)
        .filter((n): n is string => n !== null);
      component.affected = [...new Set(names)].sort();
    }
    return component;
  });
}

/**
 * The one function every public route renders: the page's clusters now, with maintenance laid
 * over them, their uptime, the incidents of the last 90 days and the maintenance windows. Every
 * field is chosen here; nothing from a snapshot or a finding is passed through.
 */
export function toPublicPage(input: PublicPageInput): PublicPage {
  const { nowMs, page } = input;
  const active = input.maintenance.filter((w) => w.startsAtMs <= nowMs && nowMs < w.endsAtMs);
  const single = input.clusters.length === 1;
  const groups: PublicGroup[] = input.clusters.map((cluster) => {
    const components = pageComponents(cluster, active, page.showNames);
    return {
      name: single ? null : cluster.name,
      status: worstWord(components.map((c) => c.status)),
      components,
    };
  });
  const names = new Map(input.clusters.map((c) => [c.id, c.name]));
  const label = (clusterId: string, ids: readonly ComponentId[] | null): string[] => {
    const prefix = single ? "" : `${names.get(clusterId) ?? clusterId}: `;
    return ids === null
      ? [`${prefix}all components`]
      : ids.map((id) => prefix + COMPONENT_NAMES[id]);
  };
  const since = nowMs - HISTORY_DAYS * UPTIME_WINDOW_MS["24h"];
  const incidents = input.incidents
    .filter((i) => i.resolvedAtMs === null || i.resolvedAtMs >= since)
    .sort((a, b) => b.startedAtMs - a.startedAtMs || b.id - a.id)
    .map((i): PublicIncident => ({
      id: i.id,
      title: i.title,
      impact: i.impact,
      status: i.status,
      startedAt: iso(i.startedAtMs),
      resolvedAt: i.resolvedAtMs === null ? null : iso(i.resolvedAtMs),
      updatedAt: iso(Math.max(i.startedAtMs, ...i.updates.map((u) => u.atMs))),
      components: label(i.clusterId, i.componentId === null ? null : [i.componentId]),
      updates: [...i.updates]
        .sort((a, b) => b.atMs - a.atMs)
        .map((u) => ({ at: iso(u.atMs), status: u.status, body: u.body })),
      postmortem: i.postmortem,
    }));
  const maintenance = input.maintenance
    .filter((w) => w.endsAtMs >= since)
    .sort((a, b) => a.startsAtMs - b.startsAtMs || a.id - b.id)
    .map((w): PublicMaintenance => ({
      id: w.id,
      title: w.title,
      body: w.body,
      startsAt: iso(w.startsAtMs),
      endsAt: iso(w.endsAtMs),
      state: nowMs < w.startsAtMs ? "scheduled" : nowMs < w.endsAtMs ? "in-progress" : "completed",
      components: label(w.clusterId, w.componentIds),
    }));
  const taken = input.clusters.map((c) => c.view?.snapshot.takenAt ?? null);
  return {
    id: page.id,
    title: page.title,
    status: worstWord(groups.map((g) => g.status)),
    updatedAt: taken.includes(null) ? null : ([...(taken as string[])].sort()[0] ?? null),
    groups,
    incidents,
    maintenance,
  };
}
