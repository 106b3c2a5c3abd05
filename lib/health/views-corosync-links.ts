import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import { sectionData } from "./views";
import { clusterConf } from "./views-quorum";

/** One node's view of one corosync link to one peer, from its fresh report. */
export interface LinkObservation {
  observer: string;
  peer: string;
  peerNodeId: number;
  linkId: number;
  /** `corosync-cfgtool -s` when it lists the peer, else knet's `connected` counter; null when neither says. */
  connected: boolean | null;
  /** As cfgtool prints it (connected, disconnected), or null when only the statistics speak. */
  status: string | null;
  latencyAveUs: number | null;
  /** The agent's mean of the last 30 s of pongs (see agent/knet-recent.ts); null from older agents. */
  latencyRecentUs: number | null;
  latencyMaxUs: number | null;
  downCount: number | null;
}

/** A corosync 2 ring that a node reports FAULTY (rings have no per-node state). */
export interface RingFault {
  observer: string;
  linkId: number;
  status: string;
}

export interface LinksView {
  observations: LinkObservation[];
  ringFaults: RingFault[];
  /** Link numbers any node reports, ascending. */
  linkIds: number[];
  /** Nodes whose fresh report carries link data. */
  observers: string[];
}

/** The name of the node with this corosync node id: the snapshot's, else corosync.conf's, else "node N". */
export function nodeNameById(snapshot: Pick<ClusterSnapshot, "nodes">, nodeId: number): string {
  const known = snapshot.nodes.find((n) => n.nodeId === nodeId)?.name;
  if (known) return known;
  const conf = clusterConf(snapshot)?.conf;
  return conf?.nodes.find((n) => n.nodeId === nodeId)?.name ?? `node ${nodeId}`;
}

function observe(snapshot: Pick<ClusterSnapshot, "nodes">, node: NodeSnapshot) {
  const links = sectionData(node, "links");
  if (!links) return null;
  const observations: LinkObservation[] = [];
  const ringFaults: RingFault[] = [];
  const localId = links.cfgtool?.localNodeId ?? node.nodeId;
  const byKey = new Map<string, LinkObservation>();
  const entry = (peerNodeId: number, linkId: number): LinkObservation | null => {
    const key = `${peerNodeId}:${linkId}`;
    let found = byKey.get(key);
    if (!found) {
      const peer = nodeNameById(snapshot, peerNodeId);
      if (peer === node.name) return null;
      found = {
        observer: node.name,
        peer,
        peerNodeId,
        linkId,
        connected: null,
        status: null,
        latencyAveUs: null,
        latencyRecentUs: null,
        latencyMaxUs: null,
        downCount: null,
      };
      byKey.set(key, found);
      observations.push(found);
    }
    return found;
  };
  for (const link of links.cfgtool?.links ?? []) {
    if (links.cfgtool?.format === "rings") {
      if (link.ringFaulty) {
        ringFaults.push({
          observer: node.name,
          linkId: link.linkId,
          status: link.ringStatus ?? "",
        });
      }
      continue;
    }
    for (const peer of link.peers) {
      // Positions without node ids (corosync 3.0.0, `-b`) cannot be tied to a node.
      if (peer.local || peer.nodeId === null || peer.nodeId === localId) continue;
      const o = entry(peer.nodeId, link.linkId);
      if (!o) continue;
      o.connected = peer.connected;
      o.status = peer.status;
    }
  }
  for (const stats of links.stats?.nodes ?? []) {
    if (stats.nodeId === localId) continue;
    for (const link of stats.links) {
      const o = entry(stats.nodeId, link.linkId);
      if (!o) continue;
      if (o.connected === null) o.connected = link.enabled === false ? false : link.connected;
      o.latencyAveUs = link.latencyAveUs;
      o.latencyRecentUs = link.latencyRecentUs ?? null;
      o.latencyMaxUs = link.latencyMaxUs;
      o.downCount = link.downCount;
    }
  }
  return { observations, ringFaults };
}

/** Every fresh node's view of every corosync link, in snapshot node order. */
export function linksView(snapshot: Pick<ClusterSnapshot, "nodes">): LinksView {
  const observations: LinkObservation[] = [];
  const ringFaults: RingFault[] = [];
  const observers: string[] = [];
  const linkIds = new Set<number>();
  for (const node of snapshot.nodes) {
    const seen = observe(snapshot, node);
    if (!seen) continue;
    observers.push(node.name);
    observations.push(...seen.observations);
    ringFaults.push(...seen.ringFaults);
    for (const o of seen.observations) linkIds.add(o.linkId);
    const cfgtool = sectionData(node, "links")?.cfgtool;
    for (const link of cfgtool?.links ?? []) linkIds.add(link.linkId);
  }
  return {
    observations,
    ringFaults,
    linkIds: [...linkIds].sort((a, b) => a - b),
    observers,
  };
}

export type PairState = "bad" | "good" | "unknown";

/** A pair of nodes on one link, in name order, with what their views say about it. */
export interface LinkPair {
  linkId: number;
  a: string;
  b: string;
  state: PairState;
  /** The observations behind the state (one or both sides). */
  seenBy: LinkObservation[];
}

export function pairKey(linkId: number, x: string, y: string): string {
  const [a, b] = [x, y].sort();
  return `${linkId}|${a}|${b}`;
}

/**
 * Folds both sides' observations into one state per node pair and link: bad when either side
 * calls it bad, good when a side calls it good and none bad, unknown otherwise.
 */
export function linkPairs(
  observations: readonly LinkObservation[],
  judge: (o: LinkObservation) => PairState,
): LinkPair[] {
  const pairs = new Map<string, LinkPair>();
  for (const o of observations) {
    const key = pairKey(o.linkId, o.observer, o.peer);
    const [a, b] = [o.observer, o.peer].sort() as [string, string];
    const pair = pairs.get(key) ?? { linkId: o.linkId, a, b, state: "unknown", seenBy: [] };
    pair.seenBy.push(o);
    const verdict = judge(o);
    if (verdict === "bad") pair.state = "bad";
    else if (verdict === "good" && pair.state === "unknown") pair.state = "good";
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}

/** Where bad pairs point: nodes whose every known pair on a link is bad while other pairs on it are fine. */
export interface Localized {
  /** Node name → the links on which only that node's pairs are bad. */
  nodes: Map<string, LinkPair[][]>;
  /** Bad pairs no single node explains (a link bad everywhere, a two-node cluster, a pair on its own). */
  elsewhere: LinkPair[];
}

export function localize(pairs: readonly LinkPair[]): Localized {
  const nodes = new Map<string, LinkPair[][]>();
  const elsewhere: LinkPair[] = [];
  const linkIds = [...new Set(pairs.map((p) => p.linkId))].sort((x, y) => x - y);
  for (const linkId of linkIds) {
    const onLink = pairs.filter((p) => p.linkId === linkId && p.state !== "unknown");
    const bad = onLink.filter((p) => p.state === "bad");
    if (bad.length === 0) continue;
    const names = [...new Set(onLink.flatMap((p) => [p.a, p.b]))].sort();
    const isolated = names.filter((n) => {
      const mine = onLink.filter((p) => p.a === n || p.b === n);
      return mine.length > 0 && mine.every((p) => p.state === "bad");
    });
    // Every node isolated means no good pair is left to tell whose side the fault is on.
    const culprits = isolated.length < names.length ? isolated : [];
    for (const culprit of culprits) {
      const mine = bad.filter((p) => p.a === culprit || p.b === culprit);
      nodes.set(culprit, [...(nodes.get(culprit) ?? []), mine]);
    }
    elsewhere.push(...bad.filter((p) => !culprits.includes(p.a) && !culprits.includes(p.b)));
  }
  return { nodes, elsewhere };
}

/** "link 1", "links 0 and 1" */
export function linkWords(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 1) return `link ${sorted[0]}`;
  return `links ${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}`;
}
