import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { family, known, type MetricFamily } from "./metrics-family";
import { cephModel } from "./overview-ceph";
import { haModel } from "./overview-ha";
import { linkMatrix } from "./overview-links";
import { linstorModel } from "./overview-linstor";

/** Ceph's own health words; the current one is 1, the others 0. */
const CEPH_HEALTH = ["HEALTH_OK", "HEALTH_WARN", "HEALTH_ERR"] as const;

/**
 * The corosync links, the HA manager, Ceph and LINSTOR, from the same view models the overview
 * shows. Stale sources leave their samples out rather than repeat old values.
 */
export function serviceMetrics(view: EvaluatedCluster): MetricFamily[] {
  const { snapshot } = view;
  const cluster = snapshot.clusterId;
  const peers = (linkMatrix(snapshot)?.rows ?? [])
    .filter((row) => row.freshness.fresh)
    .flatMap((row) =>
      row.cells.flatMap((cell) =>
        cell.peers.map((p) => ({
          labels: { cluster, node: row.node, peer: p.peer, link: String(cell.linkId) },
          peer: p,
        })),
      ),
    );
  const ha = haModel(snapshot);
  const haNodes = ha?.freshness.fresh ? ha.nodes : [];
  const ceph = cephModel(snapshot);
  const cephHealth = ceph?.freshness.fresh ? ceph.health : null;
  const linstor = linstorModel(snapshot);
  return [
    family(
      "corosync_link_connected",
      "1 when knet reports the link to the peer connected on the node, 0 when not; absent when unknown.",
      peers.flatMap(({ labels, peer }) => known(labels, peer.connected)),
    ),
    family(
      "corosync_link_latency_seconds",
      "knet's average round-trip latency of the link to the peer, as the node measures it.",
      peers.flatMap(({ labels, peer }) =>
        known(labels, peer.latencyAveUs === null ? null : peer.latencyAveUs / 1e6),
      ),
    ),
    family(
      "corosync_link_latency_max_seconds",
      "knet's highest round-trip latency of the link to the peer since corosync started.",
      peers.flatMap(({ labels, peer }) =>
        known(labels, peer.latencyMaxUs === null ? null : peer.latencyMaxUs / 1e6),
      ),
    ),
    family(
      "ha_lrm_state",
      "The HA local resource manager's state on the node as a state label (active, idle, maintenance mode, ...).",
      haNodes.flatMap((n) => known({ cluster, node: n.node, state: n.lrm ?? "unknown" }, 1)),
    ),
    family(
      "ha_guests",
      "HA-managed guests the HA manager places on the node.",
      haNodes.map((n) => ({ labels: { cluster, node: n.node }, value: n.guests.length })),
    ),
    family(
      "ceph_health",
      "Ceph's health: 1 for the current word (HEALTH_OK, HEALTH_WARN, HEALTH_ERR); absent when unknown.",
      cephHealth === null
        ? []
        : CEPH_HEALTH.map((state) => ({
            labels: { cluster, state },
            value: Number(state === cephHealth),
          })),
    ),
    family(
      "linstor_satellite_online",
      "1 when the LINSTOR controller reports the satellite online, 0 when not; absent when unknown.",
      (linstor?.satellites ?? []).flatMap((s) => known({ cluster, node: s.name }, s.online)),
    ),
  ];
}
