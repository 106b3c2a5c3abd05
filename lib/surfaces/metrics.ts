import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { SEVERITIES } from "@/lib/health/types";
import { clusterState, WALL_STATES } from "./cluster-state";
import { drbdRows, nodeRows, ocfs2Rows, qdeviceView, storageRows, voteMath } from "./overview";

import { family, known, type MetricFamily } from "./metrics-family";
import { serviceMetrics } from "./metrics-services";

export type { MetricFamily, MetricSample } from "./metrics-family";

const QDEVICE_STATES = ["none", "connected", "not-voting", "unknown"] as const;

/** Prometheus samples for one cluster; enums are one sample per state, strings are labels. */
export function toMetrics(view: EvaluatedCluster): MetricFamily[] {
  const { snapshot, summary, findings } = view;
  const cluster = snapshot.clusterId;
  const state = clusterState(view);
  const votes = voteMath(snapshot, summary);
  const qdevice = qdeviceView(snapshot, summary);
  const drbd = drbdRows(snapshot).flatMap((row) =>
    row.nodes.filter((n) => n.freshness.fresh).map((n) => ({ resource: row.resource, ...n })),
  );
  const peers = drbd.flatMap((d) =>
    d.peers.map((p) => ({
      labels: { cluster, resource: d.resource, node: d.node, peer: p.peer },
      peer: p,
    })),
  );
  const ocfs2 = ocfs2Rows(snapshot).flatMap((row) =>
    row.nodes.map((n) => ({
      labels: { cluster, mountpoint: row.mountpoint, node: n.node },
      fresh: n.freshness.fresh,
      mounted: n.mounted,
      readOnly: n.readOnly,
    })),
  );
  const storage = storageRows(snapshot).flatMap((row) =>
    row.nodes.map((n) => ({ storage: row.id, ...n })),
  );
  const sources = [
    { source: "api", s: snapshot.api },
    ...snapshot.nodes.map((n) => ({ source: `agent:${n.name}`, s: n.agent })),
    ...(snapshot.linstor ? [{ source: "linstor", s: snapshot.linstor }] : []),
  ];
  return [
    family(
      "cluster_state",
      "The cluster's state word: 1 for the current one (OK, DEGRADED, CRITICAL, UNKNOWN).",
      WALL_STATES.map((word) => ({
        labels: { cluster, state: word },
        value: Number(word === state),
      })),
    ),
    family(
      "cluster_quorate",
      "1 when the cluster is quorate, 0 when not; absent when unknown.",
      known({ cluster }, summary.quorate),
    ),
    family(
      "cluster_expected_votes",
      "Corosync's expected votes.",
      known({ cluster }, summary.expectedVotes),
    ),
    family(
      "cluster_total_votes",
      "Votes currently present.",
      known({ cluster }, summary.totalVotes),
    ),
    family("cluster_quorum_votes", "Votes needed for quorum.", known({ cluster }, summary.quorum)),
    family(
      "cluster_votes_margin",
      "Votes the cluster can still lose before it loses quorum (0 when not quorate).",
      known({ cluster }, votes.canLose),
    ),
    family(
      "qdevice_state",
      "The QDevice's state: 1 for the current one.",
      QDEVICE_STATES.map((s) => ({
        labels: { cluster, state: s },
        value: Number(s === summary.qdevice),
      })),
    ),
    family(
      "node_online",
      "1 when the node is a member or online, 0 when not; absent when unknown.",
      summary.nodes.flatMap((n) => known({ cluster, node: n.name }, n.online)),
    ),
    family(
      "qdevice_connected",
      "1 when this node's QDevice daemon is connected to qnetd; absent when unknown.",
      qdevice.perNode.flatMap((n) => known({ cluster, node: n.node }, n.connected)),
    ),
    family(
      "qdevice_casting_vote",
      "1 when this node's QDevice casts its vote; absent when unknown.",
      qdevice.perNode.flatMap((n) => known({ cluster, node: n.node }, n.castVote)),
    ),
    family(
      "node_votes",
      "Votes the node holds in the corosync membership.",
      nodeRows(snapshot, summary).flatMap((n) => known({ cluster, node: n.name }, n.votes)),
    ),
    family(
      "node_clock_offset_seconds",
      "The node's clock minus the dashboard's.",
      snapshot.nodes.flatMap((n) =>
        known({ cluster, node: n.name }, n.clockOffsetMs === null ? null : n.clockOffsetMs / 1000),
      ),
    ),
    family(
      "drbd_role",
      "DRBD role per resource and node as a state label (Primary, Secondary, Unknown).",
      drbd.flatMap((d) =>
        known({ cluster, resource: d.resource, node: d.node, role: d.role ?? "Unknown" }, 1),
      ),
    ),
    family(
      "drbd_disk_state",
      "DRBD disk state per resource, node and volume index as a state label.",
      drbd.flatMap((d) =>
        d.diskStates.map((s, volume) => ({
          labels: { cluster, resource: d.resource, node: d.node, volume: String(volume), state: s },
          value: 1,
        })),
      ),
    ),
    family(
      "drbd_connection_state",
      "DRBD connection state per resource, node and peer as a state label.",
      peers.map(({ labels, peer }) => ({
        labels: { ...labels, state: peer.connectionState },
        value: 1,
      })),
    ),
    family(
      "drbd_sync_percent",
      "Resync progress towards a peer, while one runs.",
      peers.flatMap(({ labels, peer }) => known(labels, peer.donePercent)),
    ),
    family(
      "drbd_out_of_sync_bytes",
      "Data a peer still lacks, as this node reports it.",
      peers.flatMap(({ labels, peer }) => known(labels, peer.outOfSyncBytes)),
    ),
    family(
      "ocfs2_mounted",
      "1 when the OCFS2 volume is mounted on the node; absent when unknown.",
      ocfs2.flatMap((o) => known(o.labels, o.fresh ? o.mounted : null)),
    ),
    family(
      "ocfs2_read_only",
      "1 when the mounted OCFS2 volume is read-only.",
      ocfs2.flatMap((o) => known(o.labels, o.fresh ? o.readOnly : null)),
    ),
    family(
      "storage_active",
      "1 when the storage is active on the node; absent when unknown.",
      storage.flatMap((s) => known({ cluster, storage: s.storage, node: s.node }, s.active)),
    ),
    family(
      "storage_used_ratio",
      "Used over total of the storage on the node.",
      storage.flatMap((s) => known({ cluster, storage: s.storage, node: s.node }, s.usedRatio)),
    ),
    ...serviceMetrics(view),
    family(
      "findings",
      "Active findings by severity.",
      SEVERITIES.map((severity) => ({
        labels: { cluster, severity },
        value: findings.filter((f) => f.severity === severity).length,
      })),
    ),
    family(
      "finding_active",
      "1 for each active finding, by rule, subject and severity.",
      findings.map((f) => ({
        labels: { cluster, rule: f.rule, subject: f.subject, severity: f.severity },
        value: 1,
      })),
    ),
    family(
      "source_fresh",
      "1 when the source's last answer is fresh, 0 when stale or missing.",
      sources.map(({ source, s }) => ({ labels: { cluster, source }, value: Number(s.fresh) })),
    ),
    family(
      "source_last_error_info",
      "1 for a source whose latest poll failed, with the failure kind as a label.",
      sources.flatMap(({ source, s }) =>
        s.error ? [{ labels: { cluster, source, kind: s.error.kind }, value: 1 }] : [],
      ),
    ),
    family(
      "source_age_seconds",
      "Age of the source's last good answer; absent when there never was one.",
      sources.flatMap(({ source, s }) =>
        known({ cluster, source }, s.ageMs === null ? null : s.ageMs / 1000),
      ),
    ),
  ];
}

/** A cluster the server has not polled yet: its state is UNKNOWN and nothing else is claimed. */
export function pendingMetrics(cluster: string): MetricFamily[] {
  return [
    family(
      "cluster_state",
      "The cluster's state word: 1 for the current one (OK, DEGRADED, CRITICAL, UNKNOWN).",
      WALL_STATES.map((word) => ({
        labels: { cluster, state: word },
        value: Number(word === "UNKNOWN"),
      })),
    ),
  ];
}
