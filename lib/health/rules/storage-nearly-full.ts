import { formatBytes, formatPercent } from "@/lib/format";
import type { NodeStorageStatus } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import { freshStorage, storageDefs, storageUsage } from "../views-storage";

interface Usage {
  node: string;
  status: NodeStorageStatus;
  ratio: number;
}

function usage(node: string, status: NodeStorageStatus): Usage | null {
  const used = storageUsage(status);
  return used ? { node, status, ratio: used.ratio } : null;
}

function typeAdvice(type: string | null): string {
  switch (type) {
    case "lvmthin":
      return "Remove unused disks and old snapshots (`lvs`) or grow the thin pool (`lvextend -L +<size> <vg>/<pool>`): a full thin pool stops every guest on it with I/O errors.";
    case "zfspool":
    case "zfs":
      return "Destroy old snapshots (`zfs list -t snapshot`) and unused disks, or add disks to the pool: ZFS slows down sharply when nearly full.";
    case "rbd":
    case "cephfs":
      return "Add OSDs or remove unused images: Ceph stops writes at its full ratio.";
    case "dir":
    case "nfs":
    case "cifs":
    case "glusterfs":
    case "pbs":
      return "Prune old backups (`prune-backups` on the storage) and remove unused images and ISO files, or grow the filesystem.";
    default:
      return "Remove unused disks and snapshots, or grow the storage.";
  }
}

export const storageNearlyFull: Rule = (snapshot) => {
  const { storageWarnRatio, storageCritRatio } = snapshot.thresholds;
  const shared = new Set((storageDefs(snapshot) ?? []).filter((d) => d.shared).map((d) => d.id));
  const byStorage = new Map<string, Usage[]>();
  for (const node of snapshot.nodes) {
    for (const status of freshStorage(node) ?? []) {
      const used = usage(node.name, status);
      if (used) byStorage.set(status.storage, [...(byStorage.get(status.storage) ?? []), used]);
    }
  }

  return [...byStorage.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([id, usages]): Finding[] => {
      // Worst node first; ties keep node order, so the finding does not flip between polls.
      const sorted = [...usages].sort((a, b) => b.ratio - a.ratio);
      const worst = sorted[0];
      if (!worst || worst.ratio < storageWarnRatio) return [];
      const isShared = shared.has(id) || worst.status.shared === true;
      const { status } = worst;
      const severity = worst.ratio >= storageCritRatio ? "critical" : "warning";
      const percent = formatPercent(worst.ratio);
      const alsoFull = isShared ? [] : sorted.slice(1).filter((u) => u.ratio >= storageWarnRatio);
      const seen = isShared ? `as ${worst.node} reports it` : `on ${worst.node}`;
      const also =
        alsoFull.length > 0
          ? ` Also above ${formatPercent(storageWarnRatio)}: ${listNames(alsoFull.map((u) => `${u.node} (${formatPercent(u.ratio, 1)})`))}.`
          : "";
      return [
        {
          rule: "storage.nearly-full",
          severity,
          subject: `storage:${id}`,
          title: isShared
            ? `Shared storage ${id} is ${percent} full`
            : `Storage ${id} on ${worst.node} is ${percent} full`,
          detail: `${id} (${status.type ?? "unknown type"}${isShared ? ", shared" : ""}) ${seen}: ${formatBytes(status.usedBytes)} of ${formatBytes(status.totalBytes)} used (${formatPercent(worst.ratio, 1)}), ${formatBytes(status.availBytes)} free; warning at ${formatPercent(storageWarnRatio)}, critical at ${formatPercent(storageCritRatio)}.${also}`,
          remedy: `${typeAdvice(status.type)} Or move guest disks to another storage (\`qm disk move <vmid> <disk> <storage>\`).`,
        },
      ];
    });
};
