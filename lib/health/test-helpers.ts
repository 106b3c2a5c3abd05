import type { AbsentReason, AgentReport, ReportSections, Section } from "@/lib/agents/schema";
import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import type { CorosyncMember, CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type {
  ApiView,
  ClusterSnapshot,
  LinstorView,
  NodeSnapshot,
  NodeStorageStatus,
  SourceFailure,
  SourceState,
  StorageDef,
} from "@/lib/snapshot/types";
import { parseStorageCfg } from "@/lib/parsers/storage-cfg";
import { parsedValue } from "@/lib/parsers/test-helpers";
import { storageDef } from "@/lib/proxmox/map";
import { DEFAULT_THRESHOLDS } from "./thresholds";

export function ok<T>(data: T, source = "test"): Section<T> {
  return { status: "ok", source, data };
}

export function absent<T = never>(
  reason: AbsentReason = "not-installed",
  message = "not present",
): Section<T> {
  return { status: "absent", source: "test", reason, message };
}

export function fresh<T>(data: T, ageMs = 1_000): SourceState<T> {
  return { data, fetchedAt: "2026-11-22T10:00:00.000Z", ageMs, fresh: true, error: null };
}

export function failed<T>(
  failure: Partial<SourceFailure> = {},
  last: T | null = null,
  ageMs: number | null = null,
): SourceState<T> {
  return {
    data: last,
    fetchedAt: last === null ? null : "2026-11-22T09:59:00.000Z",
    ageMs,
    fresh: false,
    error: {
      kind: "timeout",
      message: "no answer within 3000 ms",
      at: "2026-11-22T10:00:00.000Z",
      ...failure,
    },
  };
}

export function quorum(
  partial: Omit<Partial<CorosyncQuorum>, "members"> & { members?: Partial<CorosyncMember>[] } = {},
): CorosyncQuorum {
  const members: CorosyncMember[] = (partial.members ?? []).map((m, i) => ({
    nodeId: m.nodeId ?? i + 1,
    votes: m.votes === undefined ? 1 : m.votes,
    name: m.name ?? `pve${i + 1}`,
    local: m.local ?? false,
    qdevice: m.qdevice ?? null,
  }));
  return {
    clusterName: null,
    configVersion: null,
    transport: null,
    date: null,
    quorumProvider: "corosync_votequorum",
    nodeCount: members.length,
    nodeId: null,
    ringId: "1.10",
    quorate: true,
    expectedVotes: members.length,
    highestExpected: members.length,
    totalVotes: members.length,
    quorum: Math.floor(members.length / 2) + 1,
    activityBlocked: false,
    flags: ["Quorate"],
    qdeviceName: null,
    qdeviceVotes: null,
    qdeviceConfiguredVotes: null,
    extra: {},
    ...partial,
    members,
  };
}

export function corosyncConf(
  nodeNames: string[],
  partial: Partial<CorosyncConf> = {},
): CorosyncConf {
  return {
    clusterName: "lab",
    nodes: nodeNames.map((name, i) => ({
      name,
      nodeId: i + 1,
      votes: 1,
      addrs: [`10.0.0.${i + 1}`],
    })),
    qdevice: null,
    twoNode: false,
    waitForAll: false,
    expectedVotes: null,
    provider: "corosync_votequorum",
    configVersion: 3,
    transport: "knet",
    sections: {},
    ...partial,
  } as CorosyncConf;
}

export function report(
  node: string,
  sections: Partial<ReportSections> = {},
  extra: Partial<AgentReport> = {},
): AgentReport {
  const none = absent("not-installed");
  return {
    schemaVersion: 1,
    node,
    collectedAt: "2026-11-22T10:00:00.000Z",
    agentVersion: "test",
    mode: "root",
    kernelRelease: "6.8.12-4-pve",
    clock: { epochMs: Date.parse("2026-11-22T10:00:00.000Z"), offsetMs: 0 },
    collectionMs: 1,
    sections: {
      corosync: none,
      corosyncConf: none,
      qdevice: none,
      drbd: none,
      mounts: none,
      ocfs2Mounted: none,
      o2cb: none,
      ocfs2ClusterConf: none,
      kernelLog: none,
      links: none,
      bootKernel: none,
      ...sections,
    },
    ...extra,
  };
}

export interface NodeOptions {
  nodeId?: number;
  ip?: string;
  apiOnline?: boolean | null;
  report?: AgentReport | null;
  agent?: SourceState<AgentReport>;
  storage?: NodeStorageStatus[] | SourceState<NodeStorageStatus[]>;
  clockOffsetMs?: number | null;
}

export function node(name: string, options: NodeOptions = {}): NodeSnapshot {
  const agent =
    options.agent ??
    (options.report === undefined
      ? fresh(report(name))
      : options.report === null
        ? failed<AgentReport>()
        : fresh(options.report));
  const storage = Array.isArray(options.storage)
    ? fresh(options.storage)
    : (options.storage ?? fresh<NodeStorageStatus[]>([]));
  return {
    name,
    nodeId: options.nodeId ?? (Number(/\d+$/.exec(name)?.[0] ?? "0") || null),
    ip: options.ip ?? null,
    apiOnline: options.apiOnline === undefined ? true : options.apiOnline,
    agent,
    storage,
    clockOffsetMs: options.clockOffsetMs === undefined ? 0 : options.clockOffsetMs,
  };
}

export function apiView(partial: Partial<ApiView> = {}): ApiView {
  return {
    answeredBy: "pve1",
    status: { clusterName: "lab", quorate: true, nodeCount: null, configVersion: null, nodes: [] },
    configNodes: null,
    qdevice: null,
    nodes: null,
    storages: [],
    guests: [],
    ha: [],
    haManager: null,
    ceph: null,
    version: "9.0.3",
    endpointErrors: {},
    ...partial,
  };
}

export function storage(
  id: string,
  type: string,
  properties: Record<string, string> = {},
): StorageDef {
  return storageDef(id, type, properties);
}

/** The storages a storage.cfg text defines, as the product reads them. */
export function fromCfg(text: string): StorageDef[] {
  return parsedValue(parseStorageCfg(text)).storages.map((s) =>
    storageDef(s.id, s.type, s.properties),
  );
}

/** A LINSTOR controller's answer; every part can be overridden. */
export function linstorView(partial: Partial<LinstorView> = {}): LinstorView {
  return {
    controller: "10.0.0.10",
    nodes: [],
    resources: [],
    storagePools: [],
    endpointErrors: {},
    ...partial,
  };
}

export interface SnapshotOptions {
  nodes?: NodeSnapshot[];
  api?: ApiView | SourceState<ApiView>;
  linstor?: LinstorView | SourceState<LinstorView> | null;
}

/** A small cluster snapshot for rule tests; every part can be overridden. */
export function makeSnapshot(options: SnapshotOptions = {}): ClusterSnapshot {
  const api =
    options.api === undefined
      ? fresh(apiView())
      : "fresh" in options.api
        ? options.api
        : fresh(options.api);
  const linstor =
    options.linstor === undefined || options.linstor === null
      ? null
      : "fresh" in options.linstor
        ? options.linstor
        : fresh(options.linstor);
  return {
    clusterId: "test",
    clusterName: "lab",
    takenAt: "2026-11-22T10:00:00.000Z",
    intervalMs: 5_000,
    thresholds: DEFAULT_THRESHOLDS,
    api,
    nodes: options.nodes ?? [node("pve1"), node("pve2"), node("pve3")],
    linstor,
  };
}
