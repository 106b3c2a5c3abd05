import type { AgentReport } from "@/lib/agents/schema";

/** Why a source has no fresh answer; `pve.api-unreachable` names these causes. */
export type FailureKind =
  "tls" | "auth" | "permission" | "network" | "timeout" | "http" | "garbage" | "not-configured";

export interface SourceFailure {
  kind: FailureKind;
  message: string;
  at: string;
}

/**
 * A source's last good answer with its age, and the latest failure. `fresh` is false once the
 * last good answer is older than the stale threshold or there never was one: unknown, not healthy.
 */
export interface SourceState<T> {
  data: T | null;
  fetchedAt: string | null;
  ageMs: number | null;
  fresh: boolean;
  error: SourceFailure | null;
}

export interface ApiClusterStatus {
  clusterName: string | null;
  quorate: boolean | null;
  nodeCount: number | null;
  configVersion: number | null;
  nodes: {
    name: string;
    nodeId: number | null;
    ip: string | null;
    online: boolean | null;
    local: boolean;
  }[];
}

export interface ApiConfigNode {
  name: string;
  nodeId: number | null;
  votes: number | null;
  ring0Addr: string | null;
}

/** /cluster/config/qdevice: `{}` both with no QDevice and with the local daemon down. */
export interface ApiQdevice {
  state: string | null;
  algorithm: string | null;
  qnetdHost: string | null;
  lastPoll: string | null;
  raw: Record<string, string>;
}

export interface ApiNodeEntry {
  name: string;
  online: boolean | null;
  uptimeSeconds: number | null;
  sslFingerprint: string | null;
}

export interface StorageDef {
  id: string;
  type: string;
  shared: boolean;
  disabled: boolean;
  /** null = every node */
  nodes: string[] | null;
  content: string[];
  path: string | null;
  isMountpoint: string | null;
  redundancy: number | null;
  controller: string | null;
  controllerVm: number | null;
  properties: Record<string, string>;
}

export interface NodeStorageStatus {
  storage: string;
  type: string | null;
  active: boolean | null;
  enabled: boolean | null;
  shared: boolean | null;
  totalBytes: number | null;
  usedBytes: number | null;
  availBytes: number | null;
}

export interface GuestSummary {
  id: string;
  vmid: number | null;
  name: string | null;
  kind: "qemu" | "lxc";
  node: string | null;
  status: string | null;
  haState: string | null;
}

export interface HaEntry {
  id: string;
  type: string | null;
  node: string | null;
  status: string | null;
  state: string | null;
  sid: string | null;
  quorate: boolean | null;
  /** Services: the CRM's state word (state is the verbose one the GUI shows). */
  crmState?: string | null;
  /** Master and LRM entries: Unix seconds of their last status write. */
  timestamp?: number | null;
}

/** One HA service (guest) as the CRM places it. */
export interface HaService {
  sid: string;
  node: string | null;
  /** The CRM's state word: started, stopped, migrate, relocate, fence, recovery, freeze, error, ... */
  state: string | null;
  /** Where a migrate or relocate goes. */
  target: string | null;
}

/** One node's local resource manager, from the LRM status file the CRM reads. */
export interface HaLrm {
  node: string;
  /** active, maintenance, restart or shutdown. */
  mode: string | null;
  /** wait_for_agent_lock (idle), active (holds the lock and the watchdog), lost_agent_lock, maintenance. */
  state: string | null;
  /** Unix seconds of the LRM's last status write. */
  timestamp: number | null;
}

/** /cluster/ha/status/manager_status: the CRM's full view of nodes, services and LRMs. */
export interface HaManagerStatus {
  masterNode: string | null;
  timestamp: number | null;
  /** Node name → online, maintenance, fence, unknown or gone, as the CRM sees it. */
  nodeStatus: Record<string, string>;
  services: HaService[];
  lrm: HaLrm[];
  /** The answering node's own quorum, as pmxcfs reports it. */
  quorum: { node: string | null; quorate: boolean | null } | null;
}

/** One health check of `ceph health detail`, by its code (OSD_NEARFULL, MON_DOWN, ...). */
export interface CephHealthCheck {
  name: string;
  /** HEALTH_WARN or HEALTH_ERR, as Ceph reports it. */
  severity: string | null;
  summary: string | null;
  count: number | null;
  detail: string[];
  muted: boolean;
}

export interface CephMonitor {
  name: string;
  rank: number | null;
  /** The v1 address as Ceph prints it (`10.0.0.1:6789/0`). */
  addr: string | null;
}

/** /cluster/ceph/status: Ceph's own status JSON, with `ceph health detail` as its health. */
export interface CephStatus {
  fsid: string | null;
  /** HEALTH_OK, HEALTH_WARN or HEALTH_ERR. */
  health: string | null;
  checks: CephHealthCheck[];
  monitors: CephMonitor[];
  quorumNames: string[];
  quorumAgeSeconds: number | null;
  osds: { total: number | null; up: number | null; in: number | null };
  pgs: { total: number | null; byState: { state: string; count: number }[] };
}

export interface ApiView {
  answeredBy: string | null;
  status: ApiClusterStatus | null;
  configNodes: ApiConfigNode[] | null;
  qdevice: ApiQdevice | null;
  nodes: ApiNodeEntry[] | null;
  storages: StorageDef[] | null;
  guests: GuestSummary[] | null;
  ha: HaEntry[] | null;
  /** null when not fetched or unreadable (see endpointErrors). */
  haManager: HaManagerStatus | null;
  /** null when Ceph is not installed (then not an error), not fetched, or unreadable (see endpointErrors). */
  ceph: CephStatus | null;
  version: string | null;
  /** Endpoints that failed while others answered, by path. */
  endpointErrors: Record<string, SourceFailure>;
}

export interface NodeSnapshot {
  name: string;
  nodeId: number | null;
  ip: string | null;
  /** Membership as the API reports it (pmxcfs on the answering node). */
  apiOnline: boolean | null;
  agent: SourceState<AgentReport>;
  storage: SourceState<NodeStorageStatus[]>;
  /** This node's clock minus the reference, in ms, when known. */
  clockOffsetMs: number | null;
}

export interface Thresholds {
  clockSkewMs: number;
  storageWarnRatio: number;
  storageCritRatio: number;
  staleIntervals: number;
  /** Average knet latency of a corosync link above which `corosync.link-latency` warns. */
  linkLatencyMs: number;
}

export interface LinstorNode {
  name: string;
  type: string | null;
  /** As the controller prints it: ONLINE, OFFLINE, CONNECTED, ... */
  connectionStatus: string | null;
}

/** How a node holds a LINSTOR resource: with its own disk, as a diskless client, or as DRBD's tiebreaker. */
export type LinstorPlacement = "diskful" | "diskless" | "tiebreaker";

export interface LinstorConnection {
  peer: string;
  connected: boolean | null;
  /** As the controller prints it: Connected, Connecting, StandAlone, ... */
  message: string | null;
}

/** One node's copy of a resource, as `GET /v1/view/resources` reports it. */
export interface LinstorResource {
  name: string;
  node: string;
  placement: LinstorPlacement;
  inUse: boolean | null;
  /** Per volume, as the controller prints it (UpToDate, Diskless, TieBreaker, ...); null when not reported. */
  diskStates: (string | null)[];
  storagePool: string | null;
  connections: LinstorConnection[];
}

/** One storage pool on one node, as `GET /v1/view/storage-pools` reports it (sizes in KiB). */
export interface LinstorStoragePool {
  name: string;
  node: string;
  providerKind: string | null;
  freeKib: number | null;
  totalKib: number | null;
}

export interface LinstorView {
  controller: string;
  nodes: LinstorNode[];
  /** null when that endpoint failed while /v1/nodes answered (see endpointErrors). */
  resources: LinstorResource[] | null;
  storagePools: LinstorStoragePool[] | null;
  /** Endpoints that failed while /v1/nodes answered, by path. */
  endpointErrors: Record<string, SourceFailure>;
}

export interface ClusterSnapshot {
  clusterId: string;
  clusterName: string | null;
  takenAt: string;
  intervalMs: number;
  thresholds: Thresholds;
  api: SourceState<ApiView>;
  nodes: NodeSnapshot[];
  /** Present only when a LINSTOR storage names a controller to ask. */
  linstor: SourceState<LinstorView> | null;
  /**
   * False when the configuration names no agents: a node without a report is then normal, not
   * unknown data. Absent means true.
   */
  agentsExpected?: boolean;
}
