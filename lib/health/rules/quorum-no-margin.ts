import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import {
  clusterConf,
  configuredNodes,
  configuredTotalVotes,
  confFor,
  corosyncViews,
  isMember,
  majorityView,
  memberName,
  qdeviceVotes,
  voteNumbers,
} from "../views-quorum";

interface Voter {
  name: string;
  votes: number;
}

export const quorumNoMargin: Rule = (snapshot) => {
  const views = corosyncViews(snapshot);
  const majority = majorityView(views);
  if (!majority) return [];
  const q = majority.quorum;
  if (q.totalVotes === null || q.quorum === null) return [];
  const conf = confFor(majority.node, clusterConf(snapshot));

  const voters: Voter[] = q.members.flatMap((m) =>
    m.votes !== null && m.votes > 0 ? [{ name: memberName(m, conf), votes: m.votes }] : [],
  );
  if (q.qdeviceVotes !== null && q.qdeviceVotes > 0)
    voters.push({ name: "the QDevice", votes: q.qdeviceVotes });
  if (voters.length === 0) return [];
  const largest = Math.max(...voters.map((v) => v.votes));
  const left = q.totalVotes - largest;
  if (left >= q.quorum) return [];

  const critical = voters.filter((v) => v.votes === largest).map((v) => v.name);
  const losing =
    critical.length === 1
      ? `losing ${critical[0]} (${plural(largest, "vote")})`
      : `losing any one of ${listNames(critical)} (${plural(largest, "vote")} each)`;

  const missing = (configuredNodes(snapshot) ?? [])
    .filter((n) => !isMember(q, n, conf))
    .map((n) => n.name);
  const qdeviceMissing = conf?.qdevice != null && !(q.qdeviceVotes !== null && q.qdeviceVotes > 0);
  const absentVoters = [...missing, ...(qdeviceMissing ? ["the QDevice's vote"] : [])];

  let remedy: string;
  const total = conf ? configuredTotalVotes(conf, views) : null;
  const largestConfigured = conf
    ? Math.max(...conf.nodes.map((n) => n.votes), conf.qdevice ? qdeviceVotes(conf, views) : 0)
    : null;
  const fullQuorum = total !== null ? (conf?.twoNode ? 1 : Math.floor(total / 2) + 1) : null;
  const survivesWhenWhole =
    total !== null &&
    largestConfigured !== null &&
    fullQuorum !== null &&
    total - largestConfigured >= fullQuorum;
  if (absentVoters.length > 0 && survivesWhenWhole) {
    remedy = `Bring back ${listNames(absentVoters)} (see the other findings); with all ${plural(total, "vote")} present the cluster survives losing one voter again. Until then, avoid maintenance that takes another node down.`;
  } else if (conf && conf.nodes.length % 2 === 0 && conf.qdevice === null) {
    remedy =
      "Even with every node up, this cluster cannot lose a node and stay quorate. Add a QDevice as an extra vote: `corosync-qnetd` on a third machine, `corosync-qdevice` on every node, then `pvecm qdevice setup <ip>`.";
  } else {
    remedy =
      (absentVoters.length > 0 ? `Bring back ${listNames(absentVoters)} first. ` : "") +
      "Give the cluster enough voters that no single one decides quorum: an odd number of equal votes, or a QDevice for an even node count.";
  }

  return [
    {
      rule: "quorum.no-margin",
      severity: "warning",
      subject: "cluster",
      title: "The cluster cannot lose one more vote and stay quorate",
      detail:
        `${majority.node.name} sees ${voteNumbers(q)}: ${losing} would leave ${plural(left, "vote")}, below the quorum of ${q.quorum}, and stop the cluster.` +
        (absentVoters.length > 0 ? ` Already missing: ${listNames(absentVoters)}.` : ""),
      remedy,
    } satisfies Finding,
  ];
};
