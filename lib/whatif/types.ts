import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";

/** Something that can fail: a node by name, the QDevice, or one corosync link on every node. */
export type FailureTarget =
  { kind: "node"; node: string } | { kind: "qdevice" } | { kind: "link"; linkId: number };

const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads a target as written on the command line: `pve2`, `qdevice` or `link:1`. */
export function parseTarget(text: string): FailureTarget {
  const trimmed = text.trim();
  if (trimmed === "qdevice") return { kind: "qdevice" };
  if (trimmed.startsWith("link:")) {
    const id = trimmed.slice("link:".length);
    if (!/^\d+$/.test(id) || Number(id) > 7) {
      throw new Error(
        `unknown failure target "${text}": a link is written link:<0-7>, e.g. link:1`,
      );
    }
    return { kind: "link", linkId: Number(id) };
  }
  if (!NODE_NAME.test(trimmed)) {
    throw new Error(
      `unknown failure target "${text}": expected a node name, "qdevice" or "link:<number>"`,
    );
  }
  return { kind: "node", node: trimmed };
}

/** A target written back the way `parseTarget` reads it. */
export function formatTarget(target: FailureTarget): string {
  if (target.kind === "qdevice") return "qdevice";
  if (target.kind === "link") return `link:${target.linkId}`;
  return target.node;
}

export interface WhatIfResult {
  /** Targets as written: "pve2", "qdevice", "link:1". */
  failed: string[];
  /** null = unknown (stale or missing data); never guessed. */
  quorate: boolean | null;
  lostVotes: number;
  /** Rule ids present after but not before. */
  newFindings: string[];
  /** Sentences naming the missing or stale sources when quorate is null. */
  unknownBecause: string[];
  /** The cluster as it would be: summary, findings and snapshot. */
  after: EvaluatedCluster;
  /** Short sentences: what else breaks (DRBD, OCFS2, HA). */
  breaks: string[];
  /** The votes of the partition that speaks for the cluster afterwards (the quorate one, else the largest). */
  votes: { total: number; expected: number; quorum: number } | null;
  /** Every corosync partition afterwards, with votequorum's numbers for it. */
  partitions: WhatIfPartition[];
}

export interface WhatIfPartition {
  members: string[];
  quorate: boolean;
  totalVotes: number;
  expectedVotes: number;
  quorum: number;
  /** qnetd gives the QDevice's vote to this partition. */
  qdeviceVote: boolean;
}
