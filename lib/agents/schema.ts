import { z } from "zod";
import { ABSENT_REASONS, REPORT_SCHEMA_VERSION, type AgentReport } from "./report";

// Agents are untrusted input: the envelope is checked strictly, section data by the contract's key
// fields, and unknown extra fields are kept so newer agents stay readable.
const nullableNumber = z.number().nullable();
const nullableString = z.string().nullable();

const corosyncQuorum = z.looseObject({
  quorate: z.boolean().nullable(),
  expectedVotes: nullableNumber,
  highestExpected: nullableNumber,
  totalVotes: nullableNumber,
  quorum: nullableNumber,
  activityBlocked: z.boolean(),
  flags: z.array(z.string()),
  nodeId: nullableNumber,
  ringId: nullableString,
  members: z.array(
    z.looseObject({
      nodeId: z.number(),
      votes: nullableNumber,
      name: z.string(),
      local: z.boolean(),
      qdevice: z.array(z.string()).nullable(),
    }),
  ),
  qdeviceVotes: nullableNumber,
});

const corosyncConf = z.looseObject({
  clusterName: nullableString,
  nodes: z.array(
    z.looseObject({
      name: z.string(),
      nodeId: nullableNumber,
      votes: z.number(),
      addrs: z.array(z.string()),
    }),
  ),
  qdevice: z
    .looseObject({
      model: nullableString,
      host: nullableString,
      algorithm: nullableString,
      tls: nullableString,
      votes: nullableNumber,
    })
    .nullable(),
  twoNode: z.boolean(),
  waitForAll: z.boolean().nullable(),
});

const qdevice = z.looseObject({
  state: nullableString,
  connected: z.boolean(),
  castVote: z.boolean().nullable(),
  algorithm: nullableString,
  tieBreaker: nullableString,
  qnetdHost: nullableString,
});

const drbd = z.looseObject({
  source: z.string(),
  resources: z.array(
    z.looseObject({
      name: z.string(),
      role: z.string(),
      suspended: z.boolean().nullable(),
      quorum: z.boolean().nullable(),
      devices: z.array(
        z.looseObject({
          volume: nullableNumber,
          minor: nullableNumber,
          diskState: z.string(),
          client: z.boolean().nullable(),
        }),
      ),
      connections: z.array(
        z.looseObject({
          peerName: nullableString,
          peerNodeId: nullableNumber,
          connectionState: z.string(),
          peerRole: nullableString,
          peerDevices: z.array(
            z.looseObject({
              volume: nullableNumber,
              replicationState: nullableString,
              peerDiskState: nullableString,
              donePercent: nullableNumber,
            }),
          ),
        }),
      ),
    }),
  ),
});

const mounts = z.array(
  z.looseObject({
    device: z.string(),
    mountpoint: z.string(),
    fsType: z.string(),
    readOnly: z.boolean(),
    options: z.array(z.string()),
  }),
);

const ocfs2Mounted = z.looseObject({
  mode: z.string(),
  devices: z.array(
    z.looseObject({ device: z.string(), mountedOn: z.array(z.string()).nullable() }),
  ),
});

const o2cb = z.looseObject({
  clusterName: nullableString,
  online: z.boolean().nullable(),
  heartbeat: nullableString,
});

const ocfs2ClusterConf = z.looseObject({
  clusters: z.array(z.looseObject({ name: nullableString })),
  nodes: z.array(
    z.looseObject({ name: nullableString, number: nullableNumber, ipAddress: nullableString }),
  ),
});

const kernelLog = z.looseObject({
  lines: z.number(),
  truncated: z.boolean(),
  events: z.array(
    z.looseObject({
      line: z.number(),
      time: nullableString,
      subsystem: z.string(),
      kind: z.string(),
      severity: z.string(),
      resource: nullableString,
      message: z.string(),
    }),
  ),
});

function section<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.looseObject({
      status: z.literal("ok"),
      source: z.string(),
      data,
      notes: z.array(z.string()).optional(),
    }),
    z.looseObject({
      status: z.literal("absent"),
      source: z.string(),
      reason: z.enum(ABSENT_REASONS),
      message: z.string(),
    }),
  ]);
}

export const agentReportSchema = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  node: z.string().min(1).max(253),
  collectedAt: z.string(),
  agentVersion: z.string(),
  mode: z.enum(["live", "root"]),
  kernelRelease: nullableString,
  clock: z.looseObject({ epochMs: z.number(), offsetMs: nullableNumber }),
  collectionMs: z.number(),
  sections: z.looseObject({
    corosync: section(corosyncQuorum),
    corosyncConf: section(corosyncConf),
    qdevice: section(qdevice),
    drbd: section(drbd),
    mounts: section(mounts),
    ocfs2Mounted: section(ocfs2Mounted),
    o2cb: section(o2cb),
    ocfs2ClusterConf: section(ocfs2ClusterConf),
    kernelLog: section(kernelLog),
  }),
});

export type ReportValidation = { ok: true; report: AgentReport } | { ok: false; message: string };

/** Checks an agent's JSON; the message names the first offending field. */
export function validateReport(raw: unknown): ReportValidation {
  const result = agentReportSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(top level)";
    return { ok: false, message: `report field ${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, report: asReport(result.data) };
}

/** The schema checks the contract's fields; the parser types add optional detail it keeps as-is. */
function asReport(value: z.infer<typeof agentReportSchema>): AgentReport {
  return value as unknown as AgentReport;
}
