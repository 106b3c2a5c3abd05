import type { RunOutcome } from "./exec";
import {
  REPORT_SCHEMA_VERSION,
  type AbsentReason,
  type AgentReport,
  type BootKernelData,
  type LinksData,
  type ReportSections,
  type Section,
} from "@/lib/agents/schema";
import { parseCorosyncCfgtool } from "@/lib/parsers/corosync-cfgtool";
import { parseCorosyncCmapctlStats } from "@/lib/parsers/corosync-cmapctl-stats";
import { parseCorosyncConf } from "@/lib/parsers/corosync-conf";
import { parseCorosyncQdeviceTool } from "@/lib/parsers/corosync-qdevice-tool";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import type { DrbdStatus } from "@/lib/parsers/drbd-types";
import { parseDrbdsetupEvents2 } from "@/lib/parsers/drbdsetup-events2";
import { parseDrbdsetupJson } from "@/lib/parsers/drbdsetup-json";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import { parseMountedOcfs2 } from "@/lib/parsers/mounted-ocfs2";
import { parseO2cbStatus } from "@/lib/parsers/o2cb-status";
import { parseOcfs2ClusterConf } from "@/lib/parsers/ocfs2-cluster-conf";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { bootKernelFromInstalled, parseProxmoxBootTool } from "@/lib/parsers/proxmox-boot-tool";
import { describeFailure, type ParseResult } from "@/lib/parsers/result";
import type { RawName, RawReader } from "./sources/raw";

export const AGENT_VERSION = "0.1.0";

const absentReason: Record<Exclude<RunOutcome, { ok: true }>["reason"], AbsentReason> = {
  "not-installed": "not-installed",
  "permission-denied": "permission-denied",
  timeout: "timeout",
  "too-large": "too-large",
  failed: "unavailable",
};

async function section<T>(
  reader: RawReader,
  raw: RawName,
  parse: (text: string) => ParseResult<T>,
): Promise<Section<T>> {
  const outcome = await reader.read(raw);
  if (!outcome.ok) {
    return {
      status: "absent",
      source: raw,
      reason: absentReason[outcome.reason],
      message: outcome.message,
    };
  }
  const parsed = parse(outcome.stdout);
  if (!parsed.ok) {
    return {
      status: "absent",
      source: raw,
      reason: "parse-error",
      message: describeFailure(parsed.error),
    };
  }
  return { status: "ok", source: raw, data: parsed.value };
}

const drbdSources: [RawName, (text: string) => ParseResult<DrbdStatus>][] = [
  ["drbdsetup-status.json", parseDrbdsetupJson],
  ["drbdsetup-events2.txt", parseDrbdsetupEvents2],
  ["drbdadm-status.txt", parseDrbdadmStatus],
  ["proc-drbd.txt", parseProcDrbd],
];

/**
 * DRBD sources in the contract's precedence. A later source is asked only when an earlier one
 * gave nothing usable; the earlier failures travel along as notes so a garbled JSON stays visible.
 */
async function drbdSection(reader: RawReader): Promise<Section<DrbdStatus>> {
  const failures: Exclude<Section<DrbdStatus>, { status: "ok" }>[] = [];
  for (const [raw, parse] of drbdSources) {
    const result = await section(reader, raw, parse);
    if (result.status === "ok") {
      const notes = failures
        .filter((f) => f.reason !== "not-installed")
        .map((f) => `${f.source}: ${f.reason}: ${f.message}`);
      return notes.length > 0 ? { ...result, notes } : result;
    }
    failures.push(result);
  }
  return failures.find((f) => f.reason !== "not-installed") ?? failures[0]!;
}

type Absent<T> = Exclude<Section<T>, { status: "ok" }>;

/**
 * Link status and knet statistics in one section. A part that cannot be read leaves its field null
 * with a note; when neither can be read, the section is absent with the more telling reason.
 */
export async function linksSection(reader: RawReader): Promise<Section<LinksData>> {
  const [cfgtool, stats] = await Promise.all([
    section(reader, "corosync-cfgtool.txt", parseCorosyncCfgtool),
    section(reader, "corosync-cmapctl-stats.txt", parseCorosyncCmapctlStats),
  ]);
  const failures = [cfgtool, stats].filter(
    (part): part is Absent<unknown> => part.status === "absent",
  );
  if (cfgtool.status !== "ok" && stats.status !== "ok") {
    return failures.find((f) => f.reason !== "not-installed") ?? cfgtool;
  }
  const notes = failures.map((f) => `${f.source}: ${f.reason}: ${f.message}`);
  return {
    status: "ok",
    source: [cfgtool, stats]
      .filter((part) => part.status === "ok")
      .map((part) => part.source)
      .join(", "),
    data: {
      cfgtool: cfgtool.status === "ok" ? cfgtool.data : null,
      stats: stats.status === "ok" ? stats.data : null,
    },
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * The kernel the node boots next. Without proxmox-boot-tool (plain Debian, or the tool failing)
 * the kernel images in /boot and the pin files decide, as the bootloader would; the tool's own
 * failure then travels along as a note.
 */
export async function bootKernelSection(reader: RawReader): Promise<Section<BootKernelData>> {
  const listed = await section(reader, "proxmox-boot-tool-kernel-list.txt", parseProxmoxBootTool);
  if (listed.status === "ok") return listed;
  const installed = (await reader.installedKernels?.()) ?? null;
  if (installed === null) return listed;
  const data = bootKernelFromInstalled(installed.images, installed.pin, installed.nextBootPin);
  if (data.nextBoot === null) return listed;
  const note = `${listed.source}: ${listed.reason}: ${listed.message}`;
  return {
    status: "ok",
    source: "/boot/vmlinuz-*, /etc/kernel/proxmox-boot-pin, /etc/kernel/next-boot-pin",
    data,
    ...(listed.reason === "not-installed" ? {} : { notes: [note] }),
  };
}

export interface RefreshHint {
  /** What changed; both sections are read again when not given. */
  probes?: readonly ("knet" | "quorum")[];
  /** corosync-quorumtool's own status block, already at hand: used instead of running it again. */
  quorumText?: string;
}

/**
 * The last report with its corosync quorum and link sections read again: what changes when a link
 * or a node fails, in a fraction of a full collection's time.
 */
export async function refreshCorosync(
  reader: RawReader,
  base: AgentReport,
  hint: RefreshHint = {},
): Promise<AgentReport> {
  const started = performance.now();
  const wants = (probe: "knet" | "quorum") => !hint.probes || hint.probes.includes(probe);
  const quorum = async (): Promise<AgentReport["sections"]["corosync"]> => {
    if (!wants("quorum")) return base.sections.corosync;
    const given = hint.quorumText === undefined ? null : parseCorosyncQuorumtool(hint.quorumText);
    if (given?.ok) return { status: "ok", source: "corosync-quorumtool.txt", data: given.value };
    return section(reader, "corosync-quorumtool.txt", parseCorosyncQuorumtool);
  };
  const [clock, corosync, links] = await Promise.all([
    reader.clock(),
    quorum(),
    wants("knet") ? linksSection(reader) : Promise.resolve(base.sections.links),
  ]);
  return {
    ...base,
    collectedAt: new Date(clock.epochMs - (clock.offsetMs ?? 0)).toISOString(),
    clock,
    collectionMs: Math.round((performance.now() - started) * 10) / 10,
    sections: { ...base.sections, corosync, links },
  };
}

export async function collectReport(reader: RawReader): Promise<AgentReport> {
  const started = performance.now();
  const [kernelRelease, clock, ...parts] = await Promise.all([
    reader.kernelRelease(),
    reader.clock(),
    section(reader, "corosync-quorumtool.txt", parseCorosyncQuorumtool),
    section(reader, "corosync.conf", parseCorosyncConf),
    section(reader, "corosync-qdevice-tool.txt", parseCorosyncQdeviceTool),
    drbdSection(reader),
    section(reader, "proc-mounts.txt", parseProcMounts),
    section(reader, "mounted-ocfs2.txt", parseMountedOcfs2),
    section(reader, "o2cb-status.txt", parseO2cbStatus),
    section(reader, "ocfs2-cluster.conf", parseOcfs2ClusterConf),
    section(reader, "kernel-log.txt", parseKernelLog),
    linksSection(reader),
    bootKernelSection(reader),
  ] as const);
  const [
    corosync,
    corosyncConf,
    qdevice,
    drbd,
    mounts,
    ocfs2Mounted,
    o2cb,
    ocfs2ClusterConf,
    kernelLog,
    links,
    bootKernel,
  ] = parts;
  const sections: ReportSections = {
    corosync,
    corosyncConf,
    qdevice,
    drbd,
    mounts,
    ocfs2Mounted,
    o2cb,
    ocfs2ClusterConf,
    kernelLog,
    links,
    bootKernel,
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    node: reader.nodeName(),
    collectedAt: new Date(clock.epochMs - (clock.offsetMs ?? 0)).toISOString(),
    agentVersion: AGENT_VERSION,
    mode: reader.mode,
    kernelRelease,
    clock,
    collectionMs: Math.round((performance.now() - started) * 10) / 10,
    sections,
  };
}
