import type { PrivilegeCheck } from "@/lib/proxmox/permissions";
import type { AgentReport } from "@/lib/agents/schema";
import { type SourceMemory, toSourceState } from "./source-state";
import type {
  ApiView,
  ClusterSnapshot,
  LinstorView,
  NodeSnapshot,
  NodeStorageStatus,
  Thresholds,
} from "./types";

export interface AgentMemory extends SourceMemory<AgentReport> {
  /** The node's clock minus ours, estimated at the last good poll. */
  clockOffsetMs: number | null;
}

export interface NodeHint {
  name: string;
  nodeId?: number | null;
  ip?: string | null;
}

export interface CollectedState {
  clusterId: string;
  intervalMs: number;
  thresholds: Thresholds;
  nowMs: number;
  api: SourceMemory<ApiView>;
  agents: ReadonlyMap<string, AgentMemory>;
  nodeStorage: ReadonlyMap<string, SourceMemory<NodeStorageStatus[]>>;
  linstor: SourceMemory<LinstorView> | null;
  /** False when no agents are configured; see ClusterSnapshot.agentsExpected. */
  agentsExpected?: boolean;
  /** Nodes known from configuration or earlier polls, so a dead API does not hide them. */
  knownNodes: readonly NodeHint[];
  /** The API token's privileges from /access/permissions; absent = not checked. */
  privileges?: PrivilegeCheck | null;
}

interface NodeIdentity {
  name: string;
  nodeId: number | null;
  ip: string | null;
  apiOnline: boolean | null;
}

/** Every node any source names, in node-id order: the API, corosync.conf, agents, configuration. */
export function nodeIdentities(
  state: Pick<CollectedState, "api" | "agents" | "knownNodes">,
): NodeIdentity[] {
  const byName = new Map<string, NodeIdentity>();
  const add = (hint: NodeHint & { apiOnline?: boolean | null }) => {
    const current = byName.get(hint.name) ?? {
      name: hint.name,
      nodeId: null,
      ip: null,
      apiOnline: null,
    };
    byName.set(hint.name, {
      name: hint.name,
      nodeId: current.nodeId ?? hint.nodeId ?? null,
      ip: current.ip ?? hint.ip ?? null,
      apiOnline: current.apiOnline ?? hint.apiOnline ?? null,
    });
  };
  // Configured hints first: an operator's explicit address wins over what corosync.conf lists.
  for (const hint of state.knownNodes) add(hint);
  const api = state.api.data;
  for (const node of api?.status?.nodes ?? []) add({ ...node, apiOnline: node.online });
  for (const node of api?.configNodes ?? [])
    add({ name: node.name, nodeId: node.nodeId, ip: node.ring0Addr });
  for (const [name, memory] of state.agents) {
    const conf = memory.data?.sections.corosyncConf;
    if (conf?.status === "ok") {
      for (const node of conf.data.nodes)
        add({ name: node.name, nodeId: node.nodeId, ip: node.addrs[0] ?? null });
    }
    add({ name });
  }
  return [...byName.values()].sort(
    (a, b) =>
      (a.nodeId ?? Number.MAX_SAFE_INTEGER) - (b.nodeId ?? Number.MAX_SAFE_INTEGER) ||
      a.name.localeCompare(b.name),
  );
}

export function buildSnapshot(state: CollectedState): ClusterSnapshot {
  const staleAfterMs = state.intervalMs * state.thresholds.staleIntervals;
  const api = toSourceState(state.api, state.nowMs, staleAfterMs);
  const nodes: NodeSnapshot[] = nodeIdentities(state).map((identity) => {
    const agentMemory = state.agents.get(identity.name) ?? {
      data: null,
      fetchedAtMs: null,
      error: null,
      clockOffsetMs: null,
    };
    const agent = toSourceState(agentMemory, state.nowMs, staleAfterMs);
    const storage = toSourceState(
      state.nodeStorage.get(identity.name) ?? { data: null, fetchedAtMs: null, error: null },
      state.nowMs,
      staleAfterMs,
    );
    return {
      ...identity,
      apiOnline: api.fresh ? identity.apiOnline : null,
      agent,
      storage,
      clockOffsetMs: agent.fresh
        ? (agentMemory.data?.clock.offsetMs ?? agentMemory.clockOffsetMs)
        : null,
    };
  });
  const apiName = api.fresh ? (api.data?.status?.clusterName ?? null) : null;
  const confName = nodes
    .map((n) =>
      n.agent.fresh && n.agent.data?.sections.corosyncConf.status === "ok"
        ? n.agent.data.sections.corosyncConf.data.clusterName
        : null,
    )
    .find((name): name is string => typeof name === "string");
  return {
    clusterId: state.clusterId,
    clusterName: apiName ?? confName ?? null,
    takenAt: new Date(state.nowMs).toISOString(),
    intervalMs: state.intervalMs,
    thresholds: state.thresholds,
    api,
    nodes,
    linstor: state.linstor ? toSourceState(state.linstor, state.nowMs, staleAfterMs) : null,
    agentsExpected: state.agentsExpected ?? true,
  };
}
