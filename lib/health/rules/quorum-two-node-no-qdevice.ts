import { qdeviceSetupLink } from "../links";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import { clusterConf, corosyncViews, qdeviceConfigured } from "../views-quorum";

const REMEDY =
  "Add a QDevice as the third vote: install `corosync-qnetd` on a third machine (a small VM outside the cluster or a Raspberry Pi will do, reachable on TCP 5403), " +
  "install `corosync-qdevice` on both nodes, then run `pvecm qdevice setup <ip of the third machine>` on one node (it needs root SSH to that machine once). " +
  "Afterwards `pvecm status` shows Expected votes 3, Quorum 2 and flags `Quorate Qdevice`: either node can fail and the other stays quorate. " +
  "Until then, `pvecm expected 1` on a survivor is the manual way out, and only when the other node is certainly off.";

export const quorumTwoNodeNoQdevice: Rule = (snapshot) => {
  const conf = clusterConf(snapshot);
  let names: string[];
  let source: string;
  let votes: number[];
  if (conf) {
    if (conf.conf.nodes.length !== 2 || conf.conf.qdevice !== null) return [];
    names = conf.conf.nodes.map((n) => n.name);
    votes = conf.conf.nodes.map((n) => n.votes);
    source = `corosync.conf (read on ${conf.node.name}${conf.conf.configVersion !== null ? `, config_version ${conf.conf.configVersion}` : ""}) lists ${listNames(names)} and has no quorum.device section`;
  } else {
    // Without any corosync.conf, the API's node list is the fallback; a QDevice seen anywhere keeps it quiet.
    const apiNodes = snapshot.api.fresh ? snapshot.api.data?.configNodes : null;
    if (!apiNodes || apiNodes.length !== 2) return [];
    if (qdeviceConfigured(snapshot, corosyncViews(snapshot)) === true) return [];
    names = apiNodes.map((n) => n.name);
    votes = apiNodes.map((n) => n.votes ?? 1);
    source = `The Proxmox API lists ${listNames(names)} as the cluster's nodes and no QDevice answers (corosync.conf could not be read)`;
  }
  const total = votes.reduce((a, b) => a + b, 0);
  const consequence = conf?.conf.twoNode
    ? "corosync.conf sets two_node: 1, which keeps a survivor quorate but lets both halves act alone after a link cut; Proxmox relies on a QDevice instead."
    : `With ${total} votes and a quorum of ${Math.floor(total / 2) + 1}, losing either node or the link between them leaves the other without quorum: guests keep running, but nothing can be started, stopped or changed.`;

  return [
    {
      rule: "quorum.two-node-no-qdevice",
      severity: "warning",
      subject: "cluster",
      title: conf?.conf.twoNode
        ? "Two-node cluster without a QDevice"
        : "Two-node cluster without a QDevice: one failure stops it",
      detail: `${source}. ${consequence}`,
      remedy: REMEDY,
      link: qdeviceSetupLink(snapshot.clusterId),
    } satisfies Finding,
  ];
};
