import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import {
  coveringMountpoint,
  mountAt,
  mountTarget,
  normalizePath,
  storageDefs,
} from "../views-storage";

/** The filesystem mounted at or above `path` on the reporting nodes, to name the right is_mountpoint value. */
function mountedAbove(
  snapshot: ClusterSnapshot,
  path: string,
): { mountpoint: string; fsType: string; nodes: string[] } | null {
  const found = new Map<string, { fsType: string; nodes: string[] }>();
  for (const node of snapshot.nodes) {
    const mounts = sectionData(node, "mounts");
    if (!mounts) continue;
    const mountpoint = coveringMountpoint(
      path,
      mounts.map((m) => m.mountpoint),
    );
    const entry = mountpoint === null ? null : mountAt(mounts, mountpoint);
    if (mountpoint === null || entry === null) continue;
    const seen = found.get(mountpoint) ?? { fsType: entry.fsType, nodes: [] };
    seen.nodes.push(node.name);
    found.set(mountpoint, seen);
  }
  const best = [...found.entries()].sort(
    ([a, x], [b, y]) => y.nodes.length - x.nodes.length || b.length - a.length,
  )[0];
  return best ? { mountpoint: best[0], ...best[1] } : null;
}

export const storageSharedDirWithoutMountpoint: Rule = (snapshot) =>
  (storageDefs(snapshot) ?? [])
    .filter((def) => def.type === "dir" && def.shared && !def.disabled && mountTarget(def) === null)
    .map((def): Finding => {
      const path = def.path === null ? null : normalizePath(def.path);
      const mounted = path === null ? null : mountedAbove(snapshot, path);
      const setting =
        def.isMountpoint === null ? "no is_mountpoint" : `is_mountpoint ${def.isMountpoint}`;
      const seen =
        mounted === null
          ? ""
          : ` ${listNames(mounted.nodes)} ${mounted.nodes.length === 1 ? "has" : "have"} ${mounted.fsType} mounted at ${mounted.mountpoint}.`;
      const parent =
        mounted !== null && path !== null && mounted.mountpoint !== path
          ? mounted.mountpoint
          : null;
      return {
        rule: "storage.shared-dir-without-mountpoint",
        severity: "warning",
        subject: `storage:${def.id}`,
        title: `Shared directory storage ${def.id} does not require its mount`,
        detail: `${def.id} (dir, shared, path ${path ?? "?"}) has ${setting}: when the mount is missing, Proxmox writes to the local disk under that path, and the other nodes never see those disks.${seen}`,
        remedy:
          parent === null
            ? `\`pvesm set ${def.id} --is_mountpoint yes\`: Proxmox then treats the storage as offline on a node where ${path ?? "the path"} is not mounted instead of filling the local disk.`
            : `\`pvesm set ${def.id} --is_mountpoint ${parent}\` (the filesystem is mounted at ${parent}, above the storage path; use \`--is_mountpoint yes\` when the path itself is the mountpoint): Proxmox then treats the storage as offline on a node where it is not mounted instead of filling the local disk.`,
      };
    });
