import type { ClusterSnapshot } from "@/lib/snapshot/types";

export const SEVERITIES = ["critical", "warning", "info", "unknown"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Stable rule ids from the product contract's catalogue. */
export const RULE_IDS = [
  "pve.api-unreachable",
  "pve.missing-privilege",
  "node.unreachable",
  "data.stale",
  "quorum.lost",
  "quorum.partitioned",
  "quorum.no-margin",
  "quorum.two-node-no-qdevice",
  "quorum.qdevice-odd-nodes",
  "quorum.qdevice-not-voting",
  "quorum.expected-votes-lowered",
  "corosync.link-down",
  "corosync.single-link",
  "corosync.link-latency",
  "node.offline",
  "node.clock-skew",
  "ha.quorum-lost-fencing-risk",
  "ha.maintenance",
  "drbd.split-brain",
  "drbd.dual-primary",
  "drbd.quorum-lost",
  "drbd.disk-degraded",
  "drbd.peer-disconnected",
  "drbd.resync",
  "drbd.no-primary",
  "drbd.redundancy-low",
  "ocfs2.io-errors",
  "ocfs2.read-only",
  "ocfs2.not-mounted",
  "ocfs2.cluster-offline",
  "ocfs2.kernel-skew",
  "ocfs2.node-list-mismatch",
  "storage.inactive-on-node",
  "storage.nearly-full",
  "storage.no-snapshots",
  "storage.shared-dir-without-mountpoint",
  "ceph.health",
  "ceph.mon-quorum",
  "linstor.controller-unreachable",
  "linstor.node-offline",
  "linstor.controller-vm-not-ha",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** "cluster" | "node:<name>" | "drbd:<resource>" | "storage:<id>" | "ocfs2:<mountpoint>" | "linstor:<name>" */
export type Subject =
  | "cluster"
  | `node:${string}`
  | `drbd:${string}`
  | `storage:${string}`
  | `ocfs2:${string}`
  | `linstor:${string}`;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  subject: Subject;
  title: string;
  detail: string;
  remedy: string;
  /** An in-app page that helps fix it (the QDevice setup for the two-node trap). */
  link?: string;
}

export type Rule = (snapshot: ClusterSnapshot) => Finding[];
