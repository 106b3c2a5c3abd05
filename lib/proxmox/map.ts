import type { Proxmox } from "proxmox-api";
import { SHARED_STORAGE_TYPES } from "@/lib/parsers/storage-cfg";
import type {
  ApiClusterStatus,
  ApiConfigNode,
  ApiNodeEntry,
  ApiQdevice,
  CephHealthCheck,
  CephStatus,
  GuestSummary,
  HaEntry,
  HaLrm,
  HaManagerStatus,
  HaService,
  NodeStorageStatus,
  StorageDef,
} from "@/lib/snapshot/types";

/** Proxmox sends booleans as 0/1 integers although the typings say boolean. */
export function bool(value: unknown): boolean | null {
  if (value === true || value === 1 || value === "1") return true;
  if (value === false || value === 0 || value === "0") return false;
  return null;
}

function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string" && value !== "")
    return value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

/**
 * The API's answers are untrusted JSON whose typings come from proxmox-api; this is the one place
 * that view is taken, after checking the value is an array of objects.
 */
export function asRecords<T>(value: unknown, what: string): T[] {
  if (
    !Array.isArray(value) ||
    !value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v))
  ) {
    throw new TypeError(`${what}: expected a list of objects`);
  }
  return value as T[];
}

function asRecord<T>(value: unknown, what: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${what}: expected an object`);
  }
  return value as T;
}

export function mapClusterStatus(raw: unknown): ApiClusterStatus {
  const entries = asRecords<Proxmox.clusterStatusGetStatus>(raw, "/cluster/status");
  const cluster = entries.find((e) => e.type === "cluster");
  return {
    clusterName: str(cluster?.name),
    quorate: cluster ? bool(cluster.quorate) : null,
    nodeCount: num(cluster?.nodes),
    configVersion: num(cluster?.version),
    nodes: entries
      .filter((e) => e.type === "node")
      .map((e) => ({
        name: e.name,
        nodeId: num(e.nodeid),
        ip: str(e.ip),
        online: bool(e.online),
        local: bool(e.local) === true,
      })),
  };
}

export function mapConfigNodes(raw: unknown): ApiConfigNode[] {
  return asRecords<Proxmox.clusterConfigNodesNodes & Record<string, unknown>>(
    raw,
    "/cluster/config/nodes",
  ).map((e) => ({
    name: str(e.node) ?? str(e.name) ?? "?",
    nodeId: num(e.nodeid),
    votes: num(e.quorum_votes),
    ring0Addr: str(e.ring0_addr),
  }));
}

/** `{}` means no QDevice or a stopped local daemon: only corosync.conf can tell which. */
export function mapQdevice(raw: unknown): ApiQdevice | null {
  const record = asRecord<Record<string, unknown>>(raw, "/cluster/config/qdevice");
  const entries = Object.entries(record).filter(
    ([, v]) => typeof v === "string" || typeof v === "number",
  );
  if (entries.length === 0) return null;
  const text = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  return {
    state: text.State ?? null,
    algorithm: text.Algorithm ?? null,
    qnetdHost: text["QNetd host"] ?? null,
    lastPoll: text["Last poll call"] ?? null,
    raw: text,
  };
}

export function mapNodes(raw: unknown): ApiNodeEntry[] {
  return asRecords<Proxmox.nodesIndex>(raw, "/nodes").map((e) => ({
    name: e.node,
    online: e.status === "online" ? true : e.status === "offline" ? false : null,
    uptimeSeconds: num(e.uptime),
    sslFingerprint: str(e.ssl_fingerprint),
  }));
}

export function mapStorages(raw: unknown): StorageDef[] {
  return asRecords<Proxmox.storageIndex & Record<string, unknown>>(raw, "/storage").map((e) => {
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(e)) {
      if (typeof value === "string" || typeof value === "number") properties[key] = String(value);
    }
    return storageDef(String(e.storage), String(e.type), properties);
  });
}

/** One StorageDef from storage properties, whether they came from /storage or storage.cfg. */
export function storageDef(
  id: string,
  type: string,
  given: Readonly<Record<string, string | true>>,
): StorageDef {
  // A bare storage.cfg flag (`sparse`, `krbd`) is the 1 that /storage returns for it.
  const properties = Object.fromEntries(
    Object.entries(given).map(([key, value]) => [key, value === true ? "1" : value]),
  );
  const nodes = list(properties.nodes);
  return {
    id,
    type,
    shared: bool(properties.shared) === true || SHARED_STORAGE_TYPES.has(type),
    disabled: bool(properties.disable) === true,
    nodes: nodes.length > 0 ? nodes : null,
    content: list(properties.content),
    path: str(properties.path),
    isMountpoint: str(properties.is_mountpoint),
    redundancy: num(properties.redundancy),
    controller: str(properties.controller),
    controllerVm: num(properties.controllervm),
    properties,
  };
}

export function mapNodeStorage(raw: unknown): NodeStorageStatus[] {
  return asRecords<Proxmox.nodesStorageIndex>(raw, "/nodes/{node}/storage").map((e) => ({
    storage: e.storage,
    type: str(e.type),
    active: bool(e.active),
    enabled: bool(e.enabled),
    shared: bool(e.shared),
    totalBytes: num(e.total),
    usedBytes: num(e.used),
    availBytes: num(e.avail),
  }));
}

export function mapGuests(raw: unknown): GuestSummary[] {
  return asRecords<Proxmox.clusterResourcesResources>(raw, "/cluster/resources")
    .filter((e) => e.type === "qemu" || e.type === "lxc")
    .map((e) => ({
      id: e.id,
      vmid: num(e.vmid),
      name: str(e.name),
      kind: e.type === "lxc" ? "lxc" : "qemu",
      node: str(e.node),
      status: str(e.status),
      haState: str(e.hastate),
    }));
}

export function mapHa(raw: unknown): HaEntry[] {
  return asRecords<Proxmox.clusterHaStatusCurrentStatus>(raw, "/cluster/ha/status/current").map(
    (e) => ({
      id: e.id,
      type: str(e.type),
      node: str(e.node),
      status: str(e.status),
      state: str(e.state),
      sid: str(e.sid),
      quorate: bool(e.quorate),
      crmState: str(e.crm_state),
      timestamp: num(e.timestamp),
    }),
  );
}

function records(value: unknown): [string, Record<string, unknown>][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).filter(
    (e): e is [string, Record<string, unknown>] =>
      typeof e[1] === "object" && e[1] !== null && !Array.isArray(e[1]),
  );
}

export function mapHaManagerStatus(raw: unknown): HaManagerStatus {
  const record = asRecord<Record<string, unknown>>(raw, "/cluster/ha/status/manager_status");
  // Without HA resources the CRM has written nothing: manager_status is {}.
  const manager =
    typeof record.manager_status === "object" && record.manager_status !== null
      ? (record.manager_status as Record<string, unknown>)
      : {};
  const nodeStatus: Record<string, string> = {};
  if (typeof manager.node_status === "object" && manager.node_status !== null) {
    for (const [node, state] of Object.entries(manager.node_status)) {
      if (typeof state === "string") nodeStatus[node] = state;
    }
  }
  const services: HaService[] = records(manager.service_status)
    .map(([sid, s]) => ({ sid, node: str(s.node), state: str(s.state), target: str(s.target) }))
    .sort((a, b) => a.sid.localeCompare(b.sid));
  const lrm: HaLrm[] = records(record.lrm_status)
    .map(([node, l]) => ({
      node,
      mode: str(l.mode),
      state: str(l.state),
      timestamp: num(l.timestamp),
    }))
    .sort((a, b) => a.node.localeCompare(b.node));
  const quorum =
    typeof record.quorum === "object" && record.quorum !== null
      ? (record.quorum as Record<string, unknown>)
      : null;
  return {
    masterNode: str(manager.master_node),
    timestamp: num(manager.timestamp),
    nodeStatus,
    services,
    lrm,
    quorum: quorum ? { node: str(quorum.node), quorate: bool(quorum.quorate) } : null,
  };
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function mapCephStatus(raw: unknown): CephStatus {
  const record = asRecord<Record<string, unknown>>(raw, "/cluster/ceph/status");
  const health = object(record.health);
  const checks: CephHealthCheck[] = Object.entries(object(health.checks))
    .map(([name, value]) => {
      const check = object(value);
      const summary = object(check.summary);
      const detail = Array.isArray(check.detail) ? check.detail : [];
      return {
        name,
        severity: str(check.severity),
        summary: str(summary.message),
        count: num(summary.count),
        detail: detail.map((d) => str(object(d).message)).filter((m): m is string => m !== null),
        muted: bool(check.muted) === true,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const monmap = object(record.monmap);
  const monitors = (Array.isArray(monmap.mons) ? monmap.mons : []).flatMap((value) => {
    const mon = object(value);
    const name = str(mon.name);
    return name === null
      ? []
      : [{ name, rank: num(mon.rank), addr: str(mon.public_addr) ?? str(mon.addr) }];
  });
  // Nautilus nests the counters one level deeper (osdmap.osdmap); Octopus and later do not.
  const osdmapOuter = object(record.osdmap);
  const osdmap = "osdmap" in osdmapOuter ? object(osdmapOuter.osdmap) : osdmapOuter;
  const pgmap = object(record.pgmap);
  const byState = (Array.isArray(pgmap.pgs_by_state) ? pgmap.pgs_by_state : []).flatMap((value) => {
    const entry = object(value);
    const state = str(entry.state_name);
    const count = num(entry.count);
    return state === null || count === null ? [] : [{ state, count }];
  });
  return {
    fsid: str(record.fsid),
    health: str(health.status) ?? str(health.overall_status),
    checks,
    monitors,
    quorumNames: list(record.quorum_names),
    quorumAgeSeconds: num(record.quorum_age),
    osds: { total: num(osdmap.num_osds), up: num(osdmap.num_up_osds), in: num(osdmap.num_in_osds) },
    pgs: { total: num(pgmap.num_pgs), byState },
  };
}

export function mapVersion(raw: unknown): string | null {
  const record = asRecord<Proxmox.versionVersion>(raw, "/version");
  return str(record.version);
}
