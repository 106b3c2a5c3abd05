import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import {
  linkPairs,
  linksView,
  linkWords,
  localize,
  type LinkObservation,
  type LinkPair,
} from "../views-corosync-links";

const FENCE_NOTE =
  "corosync drops a node from the membership once no link carries the token (token plus consensus timeout, a few seconds), and a node with HA guests that loses quorum fences itself.";

/** "pve1 sees pve2 disconnected; pve2 sees pve1 and pve3 disconnected" for the bad pairs of one link. */
function whoSeesWhat(pairs: readonly LinkPair[]): string {
  const byObserver = new Map<string, string[]>();
  for (const pair of pairs) {
    for (const o of pair.seenBy) {
      if (o.connected !== false) continue;
      byObserver.set(o.observer, [...(byObserver.get(o.observer) ?? []), o.peer]);
    }
  }
  return [...byObserver.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([observer, peers]) => `${observer} sees ${listNames([...new Set(peers)])} disconnected`)
    .join("; ");
}

function downCounts(pairs: readonly LinkPair[]): string {
  const counts = pairs
    .flatMap((p) => p.seenBy)
    .filter((o): o is LinkObservation & { downCount: number } => o.downCount !== null)
    .map((o) => o.downCount);
  if (counts.length === 0) return "";
  return ` knet has counted up to ${plural(Math.max(...counts), "down")} on it since corosync started.`;
}

export const corosyncLinkDown: Rule = (snapshot) => {
  const view = linksView(snapshot);
  const pairs = linkPairs(view.observations, (o) =>
    o.connected === false ? "bad" : o.connected === true ? "good" : "unknown",
  );
  const { nodes, elsewhere } = localize(pairs);

  /** Peers of `name` to which every known link is down. */
  const cutFrom = (name: string): string[] => {
    const peers = new Set(
      pairs.filter((p) => p.a === name || p.b === name).map((p) => (p.a === name ? p.b : p.a)),
    );
    return [...peers].sort().filter((peer) => {
      const known = pairs.filter(
        (p) =>
          ((p.a === name && p.b === peer) || (p.b === name && p.a === peer)) &&
          p.state !== "unknown",
      );
      return known.length > 0 && known.every((p) => p.state === "bad");
    });
  };
  const linkAddress = (name: string, linkId: number): string | null => {
    const node = snapshot.nodes.find((n) => n.name === name);
    const links = node?.agent.fresh ? node.agent.data?.sections.links : undefined;
    if (links?.status !== "ok") return null;
    return links.data.cfgtool?.links.find((l) => l.linkId === linkId)?.address ?? null;
  };

  const findings: Finding[] = [];
  for (const [name, perLink] of nodes) {
    const ids = perLink.map((p) => p[0]!.linkId);
    const cut = cutFrom(name);
    const upLinks = [
      ...new Set(
        pairs
          .filter((p) => (p.a === name || p.b === name) && p.state === "good")
          .map((p) => p.linkId),
      ),
    ];
    const facts = perLink.map(
      (onLink) => `On link ${onLink[0]!.linkId}, ${whoSeesWhat(onLink)}.${downCounts(onLink)}`,
    );
    if (cut.length > 0) {
      facts.push(`No corosync link connects ${name} to ${listNames(cut)} any more: ${FENCE_NOTE}`);
    } else if (upLinks.length > 0) {
      const still = linkWords(upLinks);
      facts.push(
        `${still[0]!.toUpperCase()}${still.slice(1)} still ${upLinks.length === 1 ? "connects" : "connect"} ${name} to every node, so the cluster keeps working with less redundancy.`,
      );
    }
    const where = ids
      .map((id) => {
        const address = linkAddress(name, id);
        return address ? `link ${id} (${name}'s address ${address})` : `link ${id}`;
      })
      .join(" and ");
    findings.push({
      rule: "corosync.link-down",
      severity: cut.length > 0 ? "critical" : "warning",
      subject: `node:${name}`,
      title:
        cut.length > 0
          ? `${name} has no corosync link up to ${listNames(cut)}`
          : `${name}'s corosync ${linkWords(ids)} ${ids.length === 1 ? "is" : "are"} down`,
      detail: facts.join(" "),
      remedy:
        `Check the network of ${where} on ${name}: the NIC and cable, the switch port, VLAN and MTU; \`ip -s link\` and \`corosync-cfgtool -s\` on ${name} show the interface and the link, ` +
        "`journalctl -u corosync -b | grep -i 'link'` shows when knet marked it down. knet brings the link back by itself once packets pass again.",
    });
  }

  const linkIds = [...new Set(elsewhere.map((p) => p.linkId))].sort((a, b) => a - b);
  for (const linkId of linkIds) {
    const bad = elsewhere.filter((p) => p.linkId === linkId);
    const onLink = pairs.filter((p) => p.linkId === linkId && p.state !== "unknown");
    const everywhere = onLink.every((p) => p.state === "bad");
    const names = [...new Set(bad.flatMap((p) => [p.a, p.b]))].sort();
    const between = bad.map((p) => `${p.a} and ${p.b}`);
    const cut = bad.filter((p) => cutFrom(p.a).includes(p.b));
    const facts = [`On link ${linkId}, ${whoSeesWhat(bad)}.${downCounts(bad)}`];
    if (cut.length > 0) {
      facts.push(
        `No corosync link is left between ${cut.map((p) => `${p.a} and ${p.b}`).join(", ")}: ${FENCE_NOTE}`,
      );
    }
    findings.push({
      rule: "corosync.link-down",
      severity: cut.length > 0 ? "critical" : "warning",
      subject: "cluster",
      title:
        everywhere && names.length > 2
          ? `Corosync link ${linkId} is down between all nodes`
          : `Corosync link ${linkId} is down between ${between.join(", ")}`,
      detail: facts.join(" "),
      remedy: everywhere
        ? `With link ${linkId} down between ${names.length > 2 ? "every pair of nodes" : listNames(names)}, the fault is most likely shared: the switch, VLAN or MTU of link ${linkId}'s network, or the NICs on both sides. Compare \`corosync-cfgtool -s\` and \`ip -s link\` on ${listNames(names)}; \`journalctl -u corosync -b | grep -i 'link'\` shows when knet marked it down.`
        : `Check the path of link ${linkId} between ${between.join(", ")}: cables, switch ports, VLAN and MTU, and a firewall on UDP 5405-5412; \`corosync-cfgtool -s\` on each shows the link.`,
    });
  }

  for (const fault of view.ringFaults) {
    findings.push({
      rule: "corosync.link-down",
      severity: "warning",
      subject: `node:${fault.observer}`,
      title: `Corosync ring ${fault.linkId} is marked FAULTY on ${fault.observer}`,
      detail: `\`corosync-cfgtool -s\` on ${fault.observer} (corosync 2, redundant rings) prints: "${fault.status}".`,
      remedy: `Fix ring ${fault.linkId}'s network on ${fault.observer}, then run \`corosync-cfgtool -r\` there: corosync 2 does not re-enable a faulty ring by itself.`,
    });
  }
  return findings;
};
