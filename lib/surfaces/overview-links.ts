import { linksView, type LinkObservation } from "@/lib/health/views-corosync-links";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { freshness, type Freshness } from "./freshness";
import type { Tone } from "./tone";

export interface LinkPeerCell {
  peer: string;
  connected: boolean | null;
  /** As cfgtool prints it (connected, disconnected), null when only knet's counters speak. */
  status: string | null;
  latencyAveUs: number | null;
  latencyMaxUs: number | null;
  downCount: number | null;
}

/** One node's view of one corosync link: its peers on that link and knet's figures. */
export interface LinkCell {
  linkId: number;
  peersUp: number;
  peersKnown: number;
  /** true when every known peer is connected, false when any is not, null when nothing is known. */
  connected: boolean | null;
  /** The slowest peer's average and maximum round trip, microseconds. */
  latencyAveUs: number | null;
  latencyMaxUs: number | null;
  /** The highest knet down count among the peers. */
  downCount: number | null;
  tone: Tone;
  peers: LinkPeerCell[];
}

export interface LinkRow {
  node: string;
  /** One cell per link of the matrix, in its order. */
  cells: LinkCell[];
  freshness: Freshness;
}

/** The node × link matrix: what each node's corosync sees on each link. */
export interface LinkMatrix {
  linkIds: number[];
  rows: LinkRow[];
  latencyThresholdMs: number;
}

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}

function cell(
  linkId: number,
  observations: LinkObservation[],
  cutPeers: Set<string>,
  thresholdUs: number,
): LinkCell {
  const known = observations.filter((o) => o.connected !== null);
  const up = known.filter((o) => o.connected === true);
  const down = known.filter((o) => o.connected === false);
  const slow = up.some((o) => o.latencyAveUs !== null && o.latencyAveUs > thresholdUs);
  const tone: Tone =
    known.length === 0
      ? "unknown"
      : down.some((o) => cutPeers.has(o.peer))
        ? "crit"
        : down.length > 0 || slow
          ? "warn"
          : "ok";
  return {
    linkId,
    peersUp: up.length,
    peersKnown: known.length,
    connected: known.length === 0 ? null : down.length === 0,
    latencyAveUs: maxOf(up.map((o) => o.latencyAveUs)),
    latencyMaxUs: maxOf(up.map((o) => o.latencyMaxUs)),
    downCount: maxOf(observations.map((o) => o.downCount)),
    tone,
    peers: observations.map((o) => ({
      peer: o.peer,
      connected: o.connected,
      status: o.status,
      latencyAveUs: o.latencyAveUs,
      latencyMaxUs: o.latencyMaxUs,
      downCount: o.downCount,
    })),
  };
}

/**
 * Every node's corosync links, fresh or not: a stale node's row keeps its age and shows unknown.
 * Null when no agent has ever reported links (older agents, scenarios without link files).
 */
export function linkMatrix(snapshot: ClusterSnapshot): LinkMatrix | null {
  const reported = snapshot.nodes.some((n) => n.agent.data?.sections.links.status === "ok");
  if (!reported) return null;
  const view = linksView(snapshot);
  const thresholdUs = snapshot.thresholds.linkLatencyMs * 1000;
  const rows = snapshot.nodes.map((node): LinkRow => {
    const mine = view.observations.filter((o) => o.observer === node.name);
    const peers = [...new Set(mine.map((o) => o.peer))];
    // Peers this node reaches on no link at all: the rule's critical case.
    const cutPeers = new Set(
      peers.filter((peer) => {
        const links = mine.filter((o) => o.peer === peer && o.connected !== null);
        return links.length > 0 && links.every((o) => o.connected === false);
      }),
    );
    return {
      node: node.name,
      cells: view.linkIds.map((linkId) =>
        cell(
          linkId,
          mine.filter((o) => o.linkId === linkId),
          cutPeers,
          thresholdUs,
        ),
      ),
      freshness: freshness(node.agent),
    };
  });
  return { linkIds: view.linkIds, rows, latencyThresholdMs: snapshot.thresholds.linkLatencyMs };
}
