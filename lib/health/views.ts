import type { AgentReport, ReportSections } from "@/lib/agents/schema";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";

/** The node's report, only while it is fresh: stale data never counts as healthy or as broken. */
export function freshReport(node: NodeSnapshot): AgentReport | null {
  return node.agent.fresh ? node.agent.data : null;
}

/** One section's data from a node's fresh report, or null when absent, stale or unreadable. */
export function sectionData<K extends keyof ReportSections>(
  node: NodeSnapshot,
  name: K,
): Extract<ReportSections[K], { status: "ok" }>["data"] | null {
  const report = freshReport(node);
  const section = report?.sections[name];
  if (!section || section.status !== "ok") return null;
  return section.data;
}

/** Nodes with a fresh report, paired with it. */
export function reportingNodes(
  snapshot: Pick<ClusterSnapshot, "nodes">,
): { node: NodeSnapshot; report: AgentReport }[] {
  return snapshot.nodes.flatMap((node) => {
    const report = freshReport(node);
    return report ? [{ node, report }] : [];
  });
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
