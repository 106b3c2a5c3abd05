import type { RunOutcome } from "../exec";

/** Raw inputs, named as the files of a scenario node folder (contract section 1). */
export const RAW_NAMES = [
  "corosync-quorumtool.txt",
  "corosync-qdevice-tool.txt",
  "corosync.conf",
  "drbdsetup-status.json",
  "drbdsetup-events2.txt",
  "drbdadm-status.txt",
  "proc-drbd.txt",
  "proc-mounts.txt",
  "mounted-ocfs2.txt",
  "o2cb-status.txt",
  "ocfs2-cluster.conf",
  "kernel-log.txt",
  "corosync-cfgtool.txt",
  "corosync-cmapctl-stats.txt",
] as const;

export type RawName = (typeof RAW_NAMES)[number];

/** Cheap readings the agent repeats often to notice a change: knet's link state, corosync's membership. */
export type WatchProbe = "knet" | "quorum";

export interface FollowHandle {
  stop(): void;
}

/** Where a report's inputs come from: the live system, or a scenario folder. */
export interface RawReader {
  readonly mode: "live" | "root";
  nodeName(): string;
  read(name: RawName): Promise<RunOutcome>;
  /** One cheap reading for the change watcher. */
  watch(probe: WatchProbe): Promise<RunOutcome>;
  /**
   * A tool that prints the probe's state again on every change, where the system has one
   * (`corosync-quorumtool -m`); null where the probe is only read.
   */
  follow?(
    probe: WatchProbe,
    onOutput: (text: string) => void,
    onExit: () => void,
  ): FollowHandle | null;
  kernelRelease(): Promise<string | null>;
  clock(): Promise<{ epochMs: number; offsetMs: number | null }>;
}
