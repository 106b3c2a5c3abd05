import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import {
  linkPairs,
  linksView,
  linkWords,
  localize,
  type LinkObservation,
  type LinkPair,
} from "../views-corosync-links";

function ms(us: number): string {
  return `${(us / 1000).toFixed(1)} ms`;
}

/**
 * The round trip the rule judges: the agent's last 30 s when it has them, so a link that was slow
 * once and is fine now clears; else knet's average since the link came up.
 */
export function judgedLatencyUs(o: LinkObservation): number | null {
  return o.latencyRecentUs ?? o.latencyAveUs;
}

/** "pve1 → pve2 23.4 ms (max 45.1 ms)" for each slow observation of these pairs. */
function figures(pairs: readonly LinkPair[], isSlow: (o: LinkObservation) => boolean): string {
  return pairs
    .flatMap((p) => p.seenBy)
    .filter(isSlow)
    .sort((x, y) => x.observer.localeCompare(y.observer) || x.peer.localeCompare(y.peer))
    .map(
      (o) =>
        `${o.observer} → ${o.peer} ${ms(judgedLatencyUs(o)!)}${o.latencyRecentUs !== null ? " in the last 30 s" : ""}${o.latencyMaxUs !== null ? ` (max ${ms(o.latencyMaxUs)})` : ""}`,
    )
    .join(", ");
}

export const corosyncLinkLatency: Rule = (snapshot) => {
  const thresholdUs = snapshot.thresholds.linkLatencyMs * 1000;
  const isSlow = (o: LinkObservation) =>
    o.connected !== false && (judgedLatencyUs(o) ?? 0) > thresholdUs;
  const pairs = linkPairs(linksView(snapshot).observations, (o) =>
    o.connected === false || judgedLatencyUs(o) === null ? "unknown" : isSlow(o) ? "bad" : "good",
  );
  const { nodes, elsewhere } = localize(pairs);
  const limit = `the threshold is ${snapshot.thresholds.linkLatencyMs} ms`;
  const consequence =
    "Corosync expects LAN latency: slow links stretch every token round and, when delays spike past the token timeout, make nodes leave and rejoin the membership.";
  const remedy = (where: string) =>
    `Find what delays ${where}: traffic sharing the network (backups, migrations, storage replication), a WAN or VPN hop, or a duplex or MTU mismatch. ` +
    "Give corosync its own network or VLAN, kept free of bulk traffic; `corosync-cmapctl -m stats | grep latency` on a node shows knet's figures per peer and link.";

  const findings: Finding[] = [];
  for (const [name, perLink] of nodes) {
    const ids = perLink.map((p) => p[0]!.linkId);
    findings.push({
      rule: "corosync.link-latency",
      severity: "warning",
      subject: `node:${name}`,
      title: `Corosync ${linkWords(ids)} to ${name} ${ids.length === 1 ? "is" : "are"} slow`,
      detail: `${perLink.map((onLink) => `On link ${onLink[0]!.linkId}: ${figures(onLink, isSlow)}.`).join(" ")} Average knet round trip, ${limit}. ${consequence}`,
      remedy: remedy(`${linkWords(ids)} on ${name}`),
    });
  }
  const linkIds = [...new Set(elsewhere.map((p) => p.linkId))].sort((a, b) => a - b);
  for (const linkId of linkIds) {
    const slow = elsewhere.filter((p) => p.linkId === linkId);
    const names = [...new Set(slow.flatMap((p) => [p.a, p.b]))].sort();
    findings.push({
      rule: "corosync.link-latency",
      severity: "warning",
      subject: "cluster",
      title: `Corosync link ${linkId} is slow between ${slow.map((p) => `${p.a} and ${p.b}`).join(", ")}`,
      detail: `On link ${linkId}: ${figures(slow, isSlow)}. Average knet round trip, ${limit}. ${consequence}`,
      remedy: remedy(`link ${linkId} between ${listNames(names)}`),
    });
  }
  return findings;
};
