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
  "proxmox-boot-tool-kernel-list.txt",
] as const;

export type RawName = (typeof RAW_NAMES)[number];

/** Cheap readings the agent repeats often to notice a change: knet's link state, corosync's membership. */
export type WatchProbe = "knet" | "quorum";

export interface FollowHandle {
  stop(): void;
}

export interface InstalledKernels {
  /** File names in /boot (only `vmlinuz-*` ones count). */
  images: string[];
  /** /etc/kernel/proxmox-boot-pin, null when missing. */
  pin: string | null;
  /** /etc/kernel/next-boot-pin, null when missing. */
  nextBootPin: string | null;
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
  /**
   * The kernel images in /boot and the first lines of the kernel pin files, read where
   * proxmox-boot-tool gives no list; null when /boot cannot be listed.
   */
  installedKernels?(): Promise<InstalledKernels | null>;
  clock(): Promise<{ epochMs: number; offsetMs: number | null }>;
}
