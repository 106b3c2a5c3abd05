import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { Finding, Severity } from "@/lib/health/types";
import { drbdResources } from "@/lib/health/views-drbd";
import { ocfs2Rows } from "./overview";

/** The status page's words (contract section 6). */
export const STATUS_WORDS = [
  "Operational",
  "Degraded",
  "Outage",
  "Unknown",
  "Maintenance",
] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

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
