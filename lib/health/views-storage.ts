import { compareKernelVersions } from "@/lib/parsers/kernel-version";
import type { MountEntry } from "@/lib/parsers/proc-mounts";
import type {
  ClusterSnapshot,
  NodeSnapshot,
  NodeStorageStatus,
  StorageDef,
} from "@/lib/snapshot/types";
import { freshReport, sectionData } from "./views";

/** storage.cfg as the API reports it, only while the API answer is fresh. */
export function storageDefs(snapshot: Pick<ClusterSnapshot, "api">): StorageDef[] | null {
  return snapshot.api.fresh ? (snapshot.api.data?.storages ?? null) : null;
}

/** A storage is usable on a node unless disabled or restricted to other nodes. */
export function enabledOn(def: StorageDef, nodeName: string): boolean {
  return !def.disabled && (def.nodes === null || def.nodes.includes(nodeName));
}

/** A node's /nodes/{node}/storage answer while fresh; offline nodes are never asked. */
export function freshStorage(node: NodeSnapshot): NodeStorageStatus[] | null {
  return node.storage.fresh ? node.storage.data : null;
}

/** A storage's fill level on one node; null when the node reports no usable size. */
export function storageUsage(status: NodeStorageStatus): { ratio: number } | null {
  const { totalBytes, usedBytes } = status;
  if (status.enabled === false || totalBytes === null || usedBytes === null || totalBytes <= 0)
    return null;
  return { ratio: usedBytes / totalBytes };
}

export function normalizePath(value: string): string {
  if (value !== "" && !value.endsWith("/")) return value;
  const trimmed = value.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

const YES = /^(?:1|yes|on|true)$/i;
const NO = /^(?:0|no|off|false)$/i;

/**
 * The mountpoint `is_mountpoint` names: the storage path for yes/1, the value itself when it is a
 * path, null when unset or no. PVE then reports the storage inactive while nothing is mounted there.
 */
export function mountTarget(def: StorageDef): string | null {
  const value = def.isMountpoint?.trim() ?? "";
  if (value === "" || NO.test(value)) return null;
  if (YES.test(value)) return def.path === null ? null : normalizePath(def.path);
  return normalizePath(value);
}

/** `heartbeat=none` (or `nocluster`) marks a local, single-node OCFS2 mount that needs no o2cb cluster. */
export function isClusterMount(entry: MountEntry): boolean {
  return (
    entry.fsType === "ocfs2" &&
    !entry.options.includes("heartbeat=none") &&
    !entry.options.includes("nocluster")
  );
}

/** What is visible at a mountpoint: the last /proc/mounts entry there (later mounts hide earlier ones). */
export function mountAt(mounts: readonly MountEntry[], mountpoint: string): MountEntry | null {
  const wanted = normalizePath(mountpoint);
  let found: MountEntry | null = null;
  for (const entry of mounts) if (normalizePath(entry.mountpoint) === wanted) found = entry;
  return found;
}

// Every rule that looks at filesystems asks for the same node's mounts and the same volumes, and a
// view is rebuilt on each source's answer: each is worked out once per report and per snapshot.
const visible = new WeakMap<readonly MountEntry[], readonly MountEntry[]>();
const volumesOf = new WeakMap<readonly NodeSnapshot[], readonly Ocfs2Volume[]>();
const expectationsOf = new WeakMap<object, readonly Ocfs2Expectation[]>();

/** The entries not hidden by a later mount at the same mountpoint, in /proc/mounts order. */
export function visibleMounts(mounts: readonly MountEntry[]): readonly MountEntry[] {
  let found = visible.get(mounts);
  if (!found) {
    const last = new Map<string, MountEntry>();
    for (const entry of mounts) last.set(normalizePath(entry.mountpoint), entry);
    found = mounts.filter((entry) => last.get(normalizePath(entry.mountpoint)) === entry);
    visible.set(mounts, found);
  }
  return found;
}

/** The visible OCFS2 mounts of a node, or null when its mounts section is not fresh. */
export function ocfs2Mounts(node: NodeSnapshot): MountEntry[] | null {
  const mounts = sectionData(node, "mounts");
  if (!mounts) return null;
  return visibleMounts(mounts).filter((entry) => entry.fsType === "ocfs2");
}

/** The longest mountpoint that is `path` itself or one of its parents ("/" never counts). */
export function coveringMountpoint(path: string, mountpoints: Iterable<string>): string | null {
  const target = normalizePath(path);
  let best: string | null = null;
  for (const raw of mountpoints) {
    const mountpoint = normalizePath(raw);
    if (mountpoint === "/") continue;
    if (target !== mountpoint && !target.startsWith(`${mountpoint}/`)) continue;
    if (best === null || mountpoint.length > best.length) best = mountpoint;
  }
  return best;
}

/** `/dev/sdb1` → `sdb1`, `/dev/mapper/lun` → `lun`: the name the kernel log uses for a device. */
export function deviceName(device: string): string {
  return device.slice(device.lastIndexOf("/") + 1);
}

/** One OCFS2 volume as mounted (cluster mode) by the nodes whose mounts are fresh. */
export interface Ocfs2Volume {
  mountpoint: string;
  mounts: { node: NodeSnapshot; entry: MountEntry }[];
}

/** OCFS2 volumes mounted in cluster mode (or as `keep` picks), by mountpoint, in mountpoint order. */
export function ocfs2Volumes(
  snapshot: Pick<ClusterSnapshot, "nodes">,
  keep: (entry: MountEntry) => boolean = isClusterMount,
): readonly Ocfs2Volume[] {
  if (keep !== isClusterMount) return collectVolumes(snapshot.nodes, keep);
  let found = volumesOf.get(snapshot.nodes);
  if (!found) volumesOf.set(snapshot.nodes, (found = collectVolumes(snapshot.nodes, keep)));
  return found;
}

function collectVolumes(
  nodes: readonly NodeSnapshot[],
  keep: (entry: MountEntry) => boolean,
): Ocfs2Volume[] {
  const byMountpoint = new Map<string, Ocfs2Volume["mounts"]>();
  for (const node of nodes) {
    for (const entry of ocfs2Mounts(node) ?? []) {
      if (!keep(entry)) continue;
      const mountpoint = normalizePath(entry.mountpoint);
      const list = byMountpoint.get(mountpoint) ?? [];
      list.push({ node, entry });
      byMountpoint.set(mountpoint, list);
    }
  }
  return [...byMountpoint.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([mountpoint, mounts]) => ({ mountpoint, mounts }));
}

/** The node has the o2cb stack: its o2cb status was read, or some node's cluster.conf lists it. */
export function hasOcfs2Stack(
  snapshot: Pick<ClusterSnapshot, "nodes">,
  node: NodeSnapshot,
): boolean {
  if (sectionData(node, "o2cb") !== null) return true;
  return snapshot.nodes.some(
    (other) =>
      sectionData(other, "ocfs2ClusterConf")?.nodes.some((n) => n.name === node.name) ?? false,
  );
}

/** Why a node is expected to mount an OCFS2 volume. */
export interface Ocfs2Expectation {
  mountpoint: string;
  node: NodeSnapshot;
  /** Shared dir storages enabled on the node whose data lives on this mountpoint. */
  storages: StorageDef[];
  /** Peers that mount it, when no storage decides (the node runs the same o2cb cluster). */
  peers: string[];
}

/**
 * Which freshly reporting node should mount which OCFS2 volume. A shared dir storage decides for
 * its mountpoint (its `nodes` list included); a volume no storage maps is expected on every node
 * that runs the same o2cb cluster as the nodes mounting it. Whether it is mounted is not checked here.
 */
export function expectedOcfs2Mounts(
  snapshot: Pick<ClusterSnapshot, "nodes" | "api">,
): readonly Ocfs2Expectation[] {
  let found = expectationsOf.get(snapshot);
  if (!found) expectationsOf.set(snapshot, (found = expectMounts(snapshot)));
  return found;
}

function expectMounts(snapshot: Pick<ClusterSnapshot, "nodes" | "api">): Ocfs2Expectation[] {
  const reporting = snapshot.nodes.filter((node) => freshReport(node) !== null);
  const volumes = ocfs2Volumes(snapshot);
  const ocfs2At = new Map(volumes.map((volume) => [volume.mountpoint, volume]));
  const otherFsAt = new Set<string>();
  for (const node of reporting) {
    for (const entry of visibleMounts(sectionData(node, "mounts") ?? [])) {
      if (entry.fsType !== "ocfs2") otherFsAt.add(normalizePath(entry.mountpoint));
    }
  }

  const expected = new Map<string, Ocfs2Expectation>();
  const expect = (mountpoint: string, node: NodeSnapshot): Ocfs2Expectation => {
    const key = `${mountpoint}\u0000${node.name}`;
    const found = expected.get(key) ?? { mountpoint, node, storages: [], peers: [] };
    expected.set(key, found);
    return found;
  };

  const decided = new Set<string>();
  for (const def of storageDefs(snapshot) ?? []) {
    if (def.type !== "dir" || !def.shared || def.disabled || def.path === null) continue;
    const mountpoint = mountTarget(def) ?? coveringMountpoint(def.path, ocfs2At.keys());
    if (mountpoint === null) continue;
    decided.add(mountpoint);
    for (const node of reporting) {
      if (!enabledOn(def, node.name)) continue;
      // An is_mountpoint nobody has mounted yet counts as OCFS2 only on a node with the o2cb stack.
      const isOcfs2 =
        ocfs2At.has(mountpoint) || (!otherFsAt.has(mountpoint) && hasOcfs2Stack(snapshot, node));
      if (isOcfs2) expect(mountpoint, node).storages.push(def);
    }
  }

  for (const volume of volumes) {
    if (decided.has(volume.mountpoint)) continue;
    const mounters = volume.mounts.map((m) => m.node);
    const clusters = new Set(mounters.flatMap((n) => sectionData(n, "o2cb")?.clusterName ?? []));
    for (const node of reporting) {
      if (mounters.includes(node) || !hasOcfs2Stack(snapshot, node)) continue;
      const cluster = sectionData(node, "o2cb")?.clusterName ?? null;
      if (cluster !== null && clusters.size > 0 && !clusters.has(cluster)) continue;
      expect(volume.mountpoint, node).peers.push(...mounters.map((n) => n.name));
    }
  }

  const order = new Map(snapshot.nodes.map((node, index) => [node, index]));
  return [...expected.values()].sort(
    (a, b) =>
      (a.mountpoint < b.mountpoint ? -1 : a.mountpoint > b.mountpoint ? 1 : 0) ||
      (order.get(a.node) ?? 0) - (order.get(b.node) ?? 0),
  );
}

/** Orders kernel releases such as 6.2.16-20-pve and 6.5.13-1-pve by their numbers. */
export const compareKernelReleases = compareKernelVersions;
