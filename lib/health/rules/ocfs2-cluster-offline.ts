import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import { expectedOcfs2Mounts, isClusterMount, normalizePath, ocfs2Mounts } from "../views-storage";

export const ocfs2ClusterOffline: Rule = (snapshot) => {
  const expectations = expectedOcfs2Mounts(snapshot);
  return snapshot.nodes.flatMap((node): Finding[] => {
    const o2cb = sectionData(node, "o2cb");
    if (!o2cb) return [];
    const mounted = [
      ...new Set(
        (ocfs2Mounts(node) ?? []).filter(isClusterMount).map((m) => normalizePath(m.mountpoint)),
      ),
    ];
    const expected = expectations
      .filter((e) => e.node === node && !mounted.includes(e.mountpoint))
      .map((e) => e.mountpoint);
    if (mounted.length === 0 && expected.length === 0) return [];

    const offline = o2cb.online === false;
    // With local heartbeat, o2hb only runs while a volume is mounted; global heartbeat runs whenever the cluster is up.
    const heartbeatDown =
      o2cb.heartbeatActive === false && (mounted.length > 0 || o2cb.heartbeatMode === "global");
    if (!offline && !heartbeatDown) return [];

    const cluster = o2cb.clusterName ?? "<cluster>";
    const state = offline
      ? `${node.name}'s o2cb cluster ${o2cb.clusterName === null ? "" : `'${o2cb.clusterName}' `}is ${o2cb.clusterState ?? "offline"}`
      : `${node.name}'s o2cb heartbeat is ${o2cb.heartbeat ?? "not active"}${o2cb.heartbeatMode === null ? "" : ` (${o2cb.heartbeatMode} heartbeat)`}`;
    const needs = [
      mounted.length > 0 ? `it mounts ${listNames(mounted)}` : null,
      expected.length > 0 ? `it should mount ${listNames(expected)}` : null,
    ].filter((part): part is string => part !== null);
    const errors =
      o2cb.errors.length > 0 ? ` o2cb says: ${o2cb.errors.map((e) => `"${e}"`).join(", ")}.` : "";
    const remedy = offline
      ? `On ${node.name}: \`systemctl start o2cb\` (or \`o2cb register-cluster ${cluster}\`), check that /etc/ocfs2/cluster.conf is identical on every node and lists ${node.name}, and that TCP 7777 is open between the nodes; then \`mount -a -t ocfs2\`.`
      : o2cb.heartbeatMode === "global"
        ? `On ${node.name}: \`o2cb start-heartbeat ${cluster}\`, and check that every heartbeat device is reachable (\`o2cb list-heartbeats ${cluster}\`, \`multipath -ll\`).`
        : `On ${node.name}: the local heartbeat runs on each mounted volume's device; check that the shared LUN is reachable (\`multipath -ll\`, \`iscsiadm -m session\`) and read \`journalctl -k | grep o2hb\`.`;
    return [
      {
        rule: "ocfs2.cluster-offline",
        severity: "critical",
        subject: `node:${node.name}`,
        title: offline
          ? `The OCFS2 cluster stack is offline on ${node.name}`
          : `The OCFS2 heartbeat is not active on ${node.name}`,
        detail: `${state}, but ${needs.join(" and ")}: without it the node cannot lock or write the shared volumes.${errors}`,
        remedy,
      },
    ];
  });
};
