import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import {
  clusterConf,
  corosyncViews,
  describeMembers,
  membershipKey,
  membershipViews,
  type CorosyncView,
} from "../views-quorum";

function quorateWord(quorate: boolean | null): string {
  return quorate === true ? "quorate" : quorate === false ? "not quorate" : "quorum unknown";
}

function fetchedMs(view: CorosyncView): number | null {
  const at = view.node.agent.fetchedAt;
  const ms = at === null ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

export const quorumPartitioned: Rule = (snapshot) => {
  const all = membershipViews(corosyncViews(snapshot));
  // Only views fetched within one refresh of the newest are compared: an older, still-fresh report
  // may predate a membership change the others already show, which is not a partition.
  const times = all.map(fetchedMs).filter((t): t is number => t !== null);
  const newest = times.length > 0 ? Math.max(...times) : null;
  const views = all.filter((v) => {
    const t = fetchedMs(v);
    return newest === null || t === null || newest - t <= snapshot.intervalMs;
  });
  if (views.length < 2) return [];

  const groups = new Map<string, CorosyncView[]>();
  for (const view of views) {
    const key = `${membershipKey(view.quorum)}|${view.quorum.ringId ?? ""}|${String(view.quorum.quorate)}`;
    groups.set(key, [...(groups.get(key) ?? []), view]);
  }
  if (groups.size < 2) return [];

  const first = views[0]!.quorum;
  const membership = views.some((v) => membershipKey(v.quorum) !== membershipKey(first));
  const ring = views.some((v) => v.quorum.ringId !== first.ringId);
  const quorum = views.some((v) => v.quorum.quorate !== first.quorate);
  const conf = clusterConf(snapshot)?.conf ?? null;

  const described = [...groups.values()].map((group) => {
    const lead = group[0]!;
    const q = lead.quorum;
    const votes =
      q.totalVotes !== null && q.expectedVotes !== null
        ? `, ${q.totalVotes} of ${q.expectedVotes} expected votes`
        : "";
    const who = listNames(group.map((v) => v.node.name));
    return `${who} ${group.length === 1 ? "sees" : "see"} ${describeMembers(lead, conf)} (ring ${q.ringId ?? "unknown"}, ${quorateWord(q.quorate)}${votes})`;
  });
  const topics = [membership && "membership", ring && "ring id", quorum && "quorum"].filter(
    (t): t is string => Boolean(t),
  );

  return [
    {
      rule: "quorum.partitioned",
      severity: "critical",
      subject: "cluster",
      title: membership
        ? `The cluster is split into ${groups.size} groups that cannot see each other`
        : `Cluster nodes disagree about the ${listNames(topics)}`,
      detail: `${described.join("; ")}. The ${plural(views.length, "answering node")} disagree about ${listNames(topics)}.`,
      remedy:
        "Find the broken link between the groups: `corosync-cfgtool -s` on each node shows which links are down; check cables, switch ports, VLANs, MTU and the firewall (knet uses UDP 5405-5412). " +
        "Keep guests on the quorate side only and do not lower expected votes (`pvecm expected`) on the other side. Corosync merges the groups by itself once the nodes reach each other again.",
    } satisfies Finding,
  ];
};
