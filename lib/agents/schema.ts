import { z } from "zod";
import { corosyncLinkStatusSchema } from "@/lib/parsers/corosync-cfgtool";
import { corosyncKnetStatsSchema } from "@/lib/parsers/corosync-cmapctl-stats";
import { corosyncConfSchema } from "@/lib/parsers/corosync-conf";
import { qdeviceStatusSchema } from "@/lib/parsers/corosync-qdevice-tool";
import { corosyncQuorumSchema } from "@/lib/parsers/corosync-quorumtool";
import { drbdStatusSchema } from "@/lib/parsers/drbd-types";
import { kernelLogSchema } from "@/lib/parsers/kernel-log";
import { mountedOcfs2Schema } from "@/lib/parsers/mounted-ocfs2";
import { o2cbStatusSchema } from "@/lib/parsers/o2cb-status";
import { ocfs2ClusterConfSchema } from "@/lib/parsers/ocfs2-cluster-conf";
import { procMountsSchema } from "@/lib/parsers/proc-mounts";
import { bootKernelSchema } from "@/lib/parsers/proxmox-boot-tool";

// Agents are untrusted input: the envelope and the contract's key fields are checked strictly, a
// detail field that is missing or malformed reads as not known (lib/parsers/output-schema.ts), and
// unknown fields are dropped rather than refused, so newer agents stay readable.

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

const absentSectionSchema = z.object({
  status: z.literal("absent"),
  source: z.string(),
  reason: z.enum(ABSENT_REASONS),
  message: z.string(),
});

function sectionSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.object({
      status: z.literal("ok"),
      source: z.string(),
      data,
      notes: z.array(z.string()).optional(),
    }),
    absentSectionSchema,
  ]);
}

/**
 * Corosync's links, from two tools: `corosync-cfgtool -s` (each node's link state as this node
 * sees it) and `corosync-cmapctl -m stats` (knet's per-link counters and latency). A part that could
 * not be read is null and its reason is in the section's notes; the section is absent only when
 * neither part could be read.
 */
export const linksSchema = z.object({
  cfgtool: corosyncLinkStatusSchema.nullable(),
  stats: corosyncKnetStatsSchema.nullable(),
});

/** What a report from an agent older than the links section reads as. */
const LINKS_NOT_REPORTED = {
  status: "absent",
  source: "corosync-cfgtool.txt",
  reason: "not-installed",
  message: "this agent version does not report corosync links",
} as const;

/** What a report from an agent older than the boot kernel section reads as. */
const BOOT_KERNEL_NOT_REPORTED = {
  status: "absent",
  source: "proxmox-boot-tool-kernel-list.txt",
  reason: "not-installed",
  message: "this agent version does not report the kernel the node boots next",
} as const;

const reportSectionsSchema = z.object({
  corosync: sectionSchema(corosyncQuorumSchema),
  corosyncConf: sectionSchema(corosyncConfSchema),
  qdevice: sectionSchema(qdeviceStatusSchema),
  drbd: sectionSchema(drbdStatusSchema),
  mounts: sectionSchema(procMountsSchema),
  ocfs2Mounted: sectionSchema(mountedOcfs2Schema),
  o2cb: sectionSchema(o2cbStatusSchema),
  ocfs2ClusterConf: sectionSchema(ocfs2ClusterConfSchema),
  kernelLog: sectionSchema(kernelLogSchema),
  links: sectionSchema(linksSchema).default(LINKS_NOT_REPORTED),
  /** The kernel the node boots next: `proxmox-boot-tool kernel list`, else /boot and the pin files. */
  bootKernel: sectionSchema(bootKernelSchema).default(BOOT_KERNEL_NOT_REPORTED),
});

export const agentReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  node: z.string().min(1).max(253),
  collectedAt: z.string(),
  agentVersion: z.string(),
  mode: z.enum(["live", "root"]),
  kernelRelease: z.string().nullable(),
  /** epochMs is the node's wall clock when the report was built; offsetMs is set only when the node knows it. */
  clock: z.object({ epochMs: z.number(), offsetMs: z.number().nullable() }),
  collectionMs: z.number(),
  sections: reportSectionsSchema,
});

export type AgentReport = z.infer<typeof agentReportSchema>;
export type LinksData = z.infer<typeof linksSchema>;
export type BootKernelData = z.infer<typeof bootKernelSchema>;
export type ReportSections = z.infer<typeof reportSectionsSchema>;
export type SectionName = keyof ReportSections;
export type AbsentReason = z.infer<typeof absentSectionSchema>["reason"];
/** One section around any parser's output, as the agent builds it before it knows which. */
export type Section<T> = z.infer<ReturnType<typeof sectionSchema<z.ZodType<T>>>>;

export const SECTION_NAMES: readonly SectionName[] = reportSectionsSchema.keyof().options;

export type ReportValidation = { ok: true; report: AgentReport } | { ok: false; message: string };

/** Checks an agent's JSON; the message names the first offending field. */
export function validateReport(raw: unknown): ReportValidation {
  const result = agentReportSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(top level)";
    return { ok: false, message: `report field ${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, report: result.data };
}
