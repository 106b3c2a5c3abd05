import type { Ocfs2ClusterConf } from "@/lib/parsers/ocfs2-cluster-conf";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import { expectedOcfs2Mounts, isClusterMount, ocfs2Mounts } from "../views-storage";

/** The corosync nodelist (corosync.conf on any fresh node), else the API's configured nodes. */
function corosyncNames(snapshot: ClusterSnapshot): string[] | null {
  const fromConf = new Set(
    snapshot.nodes.flatMap(
      (node) => sectionData(node, "corosyncConf")?.nodes.map((n) => n.name) ?? [],
    ),
  );
  if (fromConf.size > 0) return [...fromConf];
  const api = snapshot.api.fresh ? snapshot.api.data : null;
  const fromApi =
    api?.configNodes?.map((n) => n.name) ?? api?.status?.nodes.map((n) => n.name) ?? [];
  return fromApi.length > 0 ? fromApi : null;
}

/** Node names of the o2cb cluster this node runs (all stanzas when the file holds one cluster or the name is unknown). */
function confNames(node: NodeSnapshot, conf: Ocfs2ClusterConf): string[] {
  const cluster = sectionData(node, "o2cb")?.clusterName ?? null;
  const own = cluster !== null && conf.clusters.some((c) => c.name === cluster);
  return [
    ...new Set(
      conf.nodes
        .filter((n) => !own || n.cluster === null || n.cluster === cluster)
        .flatMap((n) => (n.name === null ? [] : [n.name])),
    ),
  ];
}

/**
 * A corosync node missing from cluster.conf is left out only when it positively does not use
 * OCFS2: it reports no OCFS2 cluster mount and no storage or o2cb stack expects it to.
 */
function usesNoOcfs2(
  snapshot: ClusterSnapshot,
  name: string,
  expectedNodes: ReadonlySet<string>,
): boolean {
  const node = snapshot.nodes.find((n) => n.name === name);
  if (!node) return false;
  const mounts = ocfs2Mounts(node);
  if (mounts === null) return false;
  return !mounts.some(isClusterMount) && !expectedNodes.has(name);
}

export const ocfs2NodeListMismatch: Rule = (snapshot) => {
  const corosync = corosyncNames(snapshot);
  if (corosync === null) return [];
  const expectedNodes = new Set(expectedOcfs2Mounts(snapshot).map((e) => e.node.name));

  const holders = snapshot.nodes.flatMap((node) => {
    const conf = sectionData(node, "ocfs2ClusterConf");
    const names = conf ? confNames(node, conf) : [];
    return names.length > 0 ? [{ node, names }] : [];
  });
  const mismatches = holders.flatMap(({ node, names }) => {
    const missing = corosync.filter(
      (name) => !names.includes(name) && !usesNoOcfs2(snapshot, name, expectedNodes),
    );
    const extra = names.filter((name) => !corosync.includes(name));
    return missing.length > 0 || extra.length > 0 ? [{ node, names, missing, extra }] : [];
  });
  if (mismatches.length === 0) return [];

  const key = (names: readonly string[]): string => [...names].sort().join("\u0000");
  const everyoneAgrees =
    mismatches.length === holders.length && new Set(holders.map((h) => key(h.names))).size === 1;
  const groups = everyoneAgrees ? [mismatches] : mismatches.map((m) => [m]);

  return groups.map((group): Finding => {
    const { names, missing, extra } = group[0]!;
    const nodes = group.map((m) => m.node.name);
    const subject = everyoneAgrees ? "cluster" : (`node:${nodes[0]!}` as const);
    const caseOnly = extra.flatMap((name) => {
      const match = missing.find((m) => m.toLowerCase() === name.toLowerCase());
      return match ? [`${name} ≠ ${match}`] : [];
    });
    const parts = [
      `/etc/ocfs2/cluster.conf on ${listNames(nodes)} lists ${listNames(names)}; corosync has ${listNames(corosync)}.`,
      missing.length > 0 ? `Missing from cluster.conf: ${listNames(missing)}.` : null,
      extra.length > 0 ? `Not in corosync: ${listNames(extra)}.` : null,
      caseOnly.length > 0 ? `o2cb compares node names exactly (${caseOnly.join(", ")}).` : null,
      missing.length > 0
        ? `A node missing from cluster.conf cannot join the o2cb cluster or mount the shared volumes.`
        : null,
    ].filter((part): part is string => part !== null);
    const cluster = sectionData(group[0]!.node, "o2cb")?.clusterName ?? "<cluster>";
    const fixes = [
      ...missing.map((name) => `\`o2cb add-node ${cluster} ${name} --ip <address>\``),
      ...extra.map((name) => `\`o2cb remove-node ${cluster} ${name}\``),
    ];
    return {
      rule: "ocfs2.node-list-mismatch",
      severity: "warning",
      subject,
      title: everyoneAgrees
        ? "OCFS2 cluster.conf nodes differ from the corosync members"
        : `OCFS2 cluster.conf on ${nodes[0]!} differs from the corosync members`,
      detail: parts.join(" "),
      remedy: `Make /etc/ocfs2/cluster.conf list every node by its corosync name, identical on all nodes: ${fixes.join(", ")} (each edits cluster.conf; copy the result to every node). Restart o2cb on a node while its OCFS2 volumes are unmounted (\`systemctl restart o2cb\`) so the running cluster picks it up.`,
    };
  });
};
