import { qdeviceSetupLink } from "../links";
import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import {
  clusterConf,
  configuredNodes,
  corosyncViews,
  qdeviceConfigured,
  qdeviceVotes,
} from "../views-quorum";

export const quorumQdeviceOddNodes: Rule = (snapshot) => {
  const views = corosyncViews(snapshot);
  const conf = clusterConf(snapshot);
  const nodes = configuredNodes(snapshot);
  if (!nodes || nodes.length % 2 === 0 || qdeviceConfigured(snapshot, views) !== true) return [];

  const names = nodes.map((n) => n.name);
  let device: string;
  if (conf?.conf.qdevice) {
    const q = conf.conf.qdevice;
    const parts = [
      q.model && `model ${q.model}`,
      q.algorithm && `algorithm ${q.algorithm}`,
      q.host && `host ${q.host}`,
      plural(qdeviceVotes(conf.conf, views), "vote"),
    ].filter((p): p is string => Boolean(p));
    device = `corosync.conf (read on ${conf.node.name}) lists ${plural(nodes.length, "node")} (${listNames(names)}) and a QDevice (${parts.join(", ")})`;
  } else {
    device = `The cluster has ${plural(nodes.length, "node")} (${listNames(names)}) and a registered QDevice`;
  }

  return [
    {
      rule: "quorum.qdevice-odd-nodes",
      severity: "warning",
      subject: "cluster",
      title: `QDevice configured on a cluster with an odd number of nodes (${nodes.length})`,
      detail: `${device}. With an odd node count the nodes already break ties; Proxmox discourages a QDevice there, because it must then carry up to N-1 votes (algorithm lms) and becomes a near single point of failure.`,
      remedy:
        "If the QDevice is left over from an even node count, remove it with `pvecm qdevice remove`. " +
        "Before adding or removing nodes, remove the QDevice first and set it up again (`pvecm qdevice setup <ip>`) once the count is even.",
      link: qdeviceSetupLink(snapshot.clusterId, "remove"),
    } satisfies Finding,
  ];
};
