import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { cephHealth } from "./rules/ceph-health";
import { cephMonQuorum } from "./rules/ceph-mon-quorum";
import { corosyncLinkDown } from "./rules/corosync-link-down";
import { corosyncLinkLatency } from "./rules/corosync-link-latency";
import { corosyncSingleLink } from "./rules/corosync-single-link";
import { dataStale } from "./rules/data-stale";
import { drbdDiskDegraded } from "./rules/drbd-disk-degraded";
import { drbdDualPrimary } from "./rules/drbd-dual-primary";
import { drbdNoPrimary } from "./rules/drbd-no-primary";
import { drbdPeerDisconnected } from "./rules/drbd-peer-disconnected";
import { drbdQuorumLost } from "./rules/drbd-quorum-lost";
import { drbdRedundancyLow } from "./rules/drbd-redundancy-low";
import { drbdResync } from "./rules/drbd-resync";
import { drbdSplitBrain } from "./rules/drbd-split-brain";
import { haMaintenance } from "./rules/ha-maintenance";
import { haQuorumLostFencingRisk } from "./rules/ha-quorum-lost-fencing-risk";
import { linstorControllerUnreachable } from "./rules/linstor-controller-unreachable";
import { linstorControllerVmNotHa } from "./rules/linstor-controller-vm-not-ha";
import { linstorDataStale } from "./rules/linstor-data-stale";
import { linstorNodeOffline } from "./rules/linstor-node-offline";
import { nodeClockSkew } from "./rules/node-clock-skew";
import { nodeOffline } from "./rules/node-offline";
import { nodeUnreachable } from "./rules/node-unreachable";
import { ocfs2ClusterOffline } from "./rules/ocfs2-cluster-offline";
import { ocfs2IoErrors } from "./rules/ocfs2-io-errors";
import { ocfs2KernelSkew } from "./rules/ocfs2-kernel-skew";
import { ocfs2NodeListMismatch } from "./rules/ocfs2-node-list-mismatch";
import { ocfs2NotMounted } from "./rules/ocfs2-not-mounted";
import { ocfs2ReadOnly } from "./rules/ocfs2-read-only";
import { pveApiUnreachable } from "./rules/pve-api-unreachable";
import { quorumExpectedVotesLowered } from "./rules/quorum-expected-votes-lowered";
import { quorumLost } from "./rules/quorum-lost";
import { quorumNoMargin } from "./rules/quorum-no-margin";
import { quorumPartitioned } from "./rules/quorum-partitioned";
import { quorumQdeviceNotVoting } from "./rules/quorum-qdevice-not-voting";
import { quorumQdeviceOddNodes } from "./rules/quorum-qdevice-odd-nodes";
import { quorumTwoNodeNoQdevice } from "./rules/quorum-two-node-no-qdevice";
import { storageInactiveOnNode } from "./rules/storage-inactive-on-node";
import { storageNearlyFull } from "./rules/storage-nearly-full";
import { storageNoSnapshots } from "./rules/storage-no-snapshots";
import { storageSharedDirWithoutMountpoint } from "./rules/storage-shared-dir-without-mountpoint";
import type { Finding, Rule, Severity } from "./types";

// What we cannot see comes first (unknown before any verdict), then quorum, which decides whether
// the cluster can act at all, and the corosync links that carry it, then nodes and what HA does
// with them, replication, filesystems and storage (Ceph's monitors before its overall health).
export const RULES: readonly Rule[] = [
  pveApiUnreachable,
  nodeUnreachable,
  dataStale,
  linstorDataStale,
  quorumLost,
  quorumPartitioned,
  quorumNoMargin,
  quorumTwoNodeNoQdevice,
  quorumQdeviceOddNodes,
  quorumQdeviceNotVoting,
  quorumExpectedVotesLowered,
  corosyncLinkDown,
  corosyncSingleLink,
  corosyncLinkLatency,
  nodeOffline,
  nodeClockSkew,
  haQuorumLostFencingRisk,
  haMaintenance,
  drbdSplitBrain,
  drbdDualPrimary,
  drbdQuorumLost,
  drbdDiskDegraded,
  drbdPeerDisconnected,
  drbdResync,
  drbdNoPrimary,
  drbdRedundancyLow,
  ocfs2IoErrors,
  ocfs2ReadOnly,
  ocfs2NotMounted,
  ocfs2ClusterOffline,
  ocfs2KernelSkew,
  ocfs2NodeListMismatch,
  storageInactiveOnNode,
  storageNearlyFull,
  storageNoSnapshots,
  storageSharedDirWithoutMountpoint,
  cephMonQuorum,
  cephHealth,
  linstorControllerUnreachable,
  linstorNodeOffline,
  linstorControllerVmNotHa,
];

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, unknown: 2, info: 3 };

/** Runs every rule in catalogue order; a rule that throws becomes an unknown finding, never a crash. */
export function evaluate(snapshot: ClusterSnapshot): Finding[] {
  return RULES.flatMap((rule) => {
    try {
      return rule(snapshot);
    } catch (err) {
      return [
        {
          rule: "data.stale",
          severity: "unknown",
          subject: "cluster",
          title: "A health check could not run",
          detail: `The ${rule.name} check failed on this snapshot: ${(err as Error).message}`,
          remedy: "Report this with the snapshot from /api/cluster; the other checks still ran.",
        } satisfies Finding,
      ];
    }
  });
}

/** Findings in display order: most severe first, catalogue order within a severity. */
export function byPriority(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index,
    )
    .map(({ finding }) => finding);
}
