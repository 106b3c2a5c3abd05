import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import type { QdeviceStatus } from "@/lib/parsers/corosync-qdevice-tool";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { DrbdStatus } from "@/lib/parsers/drbd-types";
import type { KernelLog } from "@/lib/parsers/kernel-log";
import type { MountedOcfs2 } from "@/lib/parsers/mounted-ocfs2";
import type { O2cbStatus } from "@/lib/parsers/o2cb-status";
import type { Ocfs2ClusterConf } from "@/lib/parsers/ocfs2-cluster-conf";
import type { MountEntry } from "@/lib/parsers/proc-mounts";

/** Bumped on any change that removes or renames a field; additions keep the version. */
export const REPORT_SCHEMA_VERSION = 1;

export const ABSENT_REASONS = [
  "not-installed",
  "permission-denied",
  "timeout",
  "parse-error",
  "too-large",
  "unavailable",
] as const;

export type AbsentReason = (typeof ABSENT_REASONS)[number];

export type Section<T> =
  | { status: "ok"; source: string; data: T; notes?: string[] }
  | { status: "absent"; source: string; reason: AbsentReason; message: string };

export interface ReportSections {
  corosync: Section<CorosyncQuorum>;
  corosyncConf: Section<CorosyncConf>;
  qdevice: Section<QdeviceStatus>;
  drbd: Section<DrbdStatus>;
  mounts: Section<MountEntry[]>;
  ocfs2Mounted: Section<MountedOcfs2>;
  o2cb: Section<O2cbStatus>;
  ocfs2ClusterConf: Section<Ocfs2ClusterConf>;
  kernelLog: Section<KernelLog>;
}

export type SectionName = keyof ReportSections;

export const SECTION_NAMES = [
  "corosync",
  "corosyncConf",
  "qdevice",
  "drbd",
  "mounts",
  "ocfs2Mounted",
  "o2cb",
  "ocfs2ClusterConf",
  "kernelLog",
] as const satisfies readonly SectionName[];

export interface AgentReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  node: string;
  collectedAt: string;
  agentVersion: string;
  mode: "live" | "root";
  kernelRelease: string | null;
  /** epochMs is the node's wall clock when the report was built; offsetMs is set only when the node knows it. */
  clock: { epochMs: number; offsetMs: number | null };
  collectionMs: number;
  sections: ReportSections;
}
