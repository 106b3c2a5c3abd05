import type { KernelLog } from "@/lib/parsers/kernel-log";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import type {
  DrbdConnection,
  DrbdDevice,
  DrbdPeerDevice,
  DrbdResource,
  DrbdStatus,
} from "@/lib/parsers/drbd-types";
import type { ParseResult } from "@/lib/parsers/result";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { AgentReport } from "@/lib/agents/schema";
import type { NodeSnapshot } from "@/lib/snapshot/types";
import { failed, node, ok, report } from "../test-helpers";

export function device(diskState = "UpToDate", partial: Partial<DrbdDevice> = {}): DrbdDevice {
  return {
    volume: 0,
    minor: 1000,
    diskState,
    client: diskState === "Diskless" ? true : false,
    quorum: null,
    ...partial,
  };
}

export function peerDevice(
  peerDiskState = "UpToDate",
  partial: Partial<DrbdPeerDevice> = {},
): DrbdPeerDevice {
  return {
    volume: 0,
    replicationState: "Established",
    peerDiskState,
    donePercent: null,
    ...partial,
  };
}

export function connection(
  peerName: string | null,
  partial: Partial<DrbdConnection> = {},
): DrbdConnection {
  return {
    peerName,
    peerNodeId: null,
    connectionState: "Connected",
    peerRole: "Secondary",
    peerDevices:
      partial.connectionState && partial.connectionState !== "Connected" ? [] : [peerDevice()],
    ...partial,
  };
}

export function resource(name: string, partial: Partial<DrbdResource> = {}): DrbdResource {
  return {
    name,
    role: "Secondary",
    suspended: false,
    quorum: null,
    devices: [device()],
    connections: [],
    ...partial,
  };
}

export interface MeshNode {
  role?: string;
  disk?: string;
  client?: boolean;
  quorum?: boolean | null;
}

/**
 * One resource as each node of a healthy full mesh reports it: every link Connected, each node's
 * view of its peers consistent with what the peers report themselves.
 */
export function mesh(
  name: string,
  members: Record<string, MeshNode>,
): Record<string, DrbdResource> {
  const names = Object.keys(members);
  const diskOf = (m: MeshNode) => m.disk ?? (m.client ? "Diskless" : "UpToDate");
  return Object.fromEntries(
    names.map((self) => {
      const me = members[self] ?? {};
      const res = resource(name, {
        role: me.role ?? "Secondary",
        quorum: me.quorum ?? null,
        devices: [device(diskOf(me), { client: me.client ?? false, quorum: me.quorum ?? null })],
        connections: names
          .filter((other) => other !== self)
          .map((other) => {
            const peer = members[other] ?? {};
            return connection(other, {
              peerRole: peer.role ?? "Secondary",
              peerDevices: [peerDevice(diskOf(peer), { peerClient: peer.client ?? false })],
            });
          }),
      });
      return [self, res];
    }),
  );
}

export interface DrbdNodeOptions {
  kernelLog?: KernelLog;
  stale?: boolean;
  source?: DrbdStatus["source"];
}

/** A node whose agent reports these DRBD resources (and optionally a kernel log). */
export function drbdNode(
  name: string,
  resources: DrbdResource[],
  options: DrbdNodeOptions = {},
): NodeSnapshot {
  const status: DrbdStatus = {
    source: options.source ?? "drbdsetup-json",
    version: null,
    resources,
  };
  const agentReport = report(name, {
    drbd: ok(status),
    ...(options.kernelLog ? { kernelLog: ok(options.kernelLog) } : {}),
  });
  if (options.stale) return node(name, { agent: failed<AgentReport>({}, agentReport, 60_000) });
  return node(name, { report: agentReport });
}

/** Nodes for every member of mesh(), each reporting only its own view. */
export function meshNodes(
  views: Record<string, DrbdResource>,
  stale: readonly string[] = [],
): NodeSnapshot[] {
  return Object.entries(views).map(([name, res]) =>
    drbdNode(name, [res], { stale: stale.includes(name) }),
  );
}

/** A real DRBD output from fixtures/drbd, through the product's own parser. */
export function drbdFixture(
  parse: (text: string) => ParseResult<DrbdStatus>,
  file: string,
): DrbdStatus {
  return parsedValue(parse(readFixture(`drbd/${file}`)));
}

export function kernelLogFixture(file: string): KernelLog {
  return parsedValue(parseKernelLog(readFixture(`drbd/${file}`)));
}

/** A node whose agent reports a parsed real fixture. */
export function fixtureNode(name: string, status: DrbdStatus, kernelLog?: KernelLog): NodeSnapshot {
  return node(name, {
    report: report(name, { drbd: ok(status), ...(kernelLog ? { kernelLog: ok(kernelLog) } : {}) }),
  });
}
