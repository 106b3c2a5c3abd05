import { parseCorosyncCmapctlStats } from "./corosync-cmapctl-stats";
import { parseCorosyncCfgtool } from "./corosync-cfgtool";
import { parseCorosyncConf } from "./corosync-conf";
import { parseCorosyncQdeviceTool } from "./corosync-qdevice-tool";
import { parseCorosyncQuorumtool } from "./corosync-quorumtool";
import { parseDrbdadmStatus } from "./drbdadm-status";
import { parseDrbdsetupEvents2 } from "./drbdsetup-events2";
import { parseDrbdsetupJson } from "./drbdsetup-json";
import { parseKernelLog } from "./kernel-log";
import { parseMountedOcfs2 } from "./mounted-ocfs2";
import { parseO2cbStatus } from "./o2cb-status";
import { parseOcfs2ClusterConf } from "./ocfs2-cluster-conf";
import { parseProcDrbd } from "./proc-drbd";
import { parseProcMounts } from "./proc-mounts";
import { parseProxmoxBootTool } from "./proxmox-boot-tool";
import type { ParseFormat, ParseResult } from "./result";
import { parseStorageCfg } from "./storage-cfg";

/** One parser per raw format named in the contract; the agent's `parse` command and tests use it. */
export const parsers: { [F in ParseFormat]: (text: string) => ParseResult<unknown> } = {
  "corosync-quorumtool": parseCorosyncQuorumtool,
  "corosync-qdevice-tool": parseCorosyncQdeviceTool,
  "corosync-conf": parseCorosyncConf,
  "drbdsetup-json": parseDrbdsetupJson,
  "drbdadm-status": parseDrbdadmStatus,
  "drbdsetup-events2": parseDrbdsetupEvents2,
  "proc-drbd": parseProcDrbd,
  "proc-mounts": parseProcMounts,
  "mounted-ocfs2": parseMountedOcfs2,
  "o2cb-status": parseO2cbStatus,
  "ocfs2-cluster-conf": parseOcfs2ClusterConf,
  "kernel-log": parseKernelLog,
  "storage-cfg": parseStorageCfg,
  "corosync-cfgtool": parseCorosyncCfgtool,
  "corosync-cmapctl-stats": parseCorosyncCmapctlStats,
  "proxmox-boot-tool-kernel-list": parseProxmoxBootTool,
};

export { PARSE_FORMATS, isParseFormat, describeFailure } from "./result";
export type { ParseFailure, ParseFormat, ParseResult } from "./result";
