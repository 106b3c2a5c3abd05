import type { StorageDef } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import {
  expectedOcfs2Mounts,
  mountAt,
  mountTarget,
  normalizePath,
  ocfs2Volumes,
  storageDefs,
  type Ocfs2Expectation,
} from "../views-storage";

function describeStorage(def: StorageDef): string {
  const target = mountTarget(def);
  return target === null
    ? `${def.id} (dir, shared, path ${def.path ?? "?"})`
    : `${def.id} (dir, shared, is_mountpoint ${def.isMountpoint ?? "?"})`;
}

export const ocfs2NotMounted: Rule = (snapshot) => {
  const known = storageDefs(snapshot) !== null;
  const volumes = new Map(ocfs2Volumes(snapshot).map((volume) => [volume.mountpoint, volume]));
  const missingBy = new Map<string, { expectation: Ocfs2Expectation; instead: string | null }[]>();
  for (const expectation of expectedOcfs2Mounts(snapshot)) {
    const mounts = sectionData(expectation.node, "mounts");
    if (!mounts) continue;
    const visible = mountAt(mounts, expectation.mountpoint);
    if (visible?.fsType === "ocfs2") continue;
    const instead = visible === null ? null : `${visible.fsType} ${visible.device}`;
    const list = missingBy.get(expectation.mountpoint) ?? [];
    list.push({ expectation, instead });
    missingBy.set(expectation.mountpoint, list);
  }

  return [...missingBy.entries()].map(([mountpoint, missing]): Finding => {
    const names = missing.map((m) => m.expectation.node.name);
    const mounted = volumes.get(mountpoint)?.mounts ?? [];
    const devices = [...new Set(mounted.map((m) => m.entry.device))];
    const storages = [
      ...new Map(
        missing.flatMap((m) => m.expectation.storages).map((def) => [def.id, def]),
      ).values(),
    ];

    const parts: string[] = [];
    parts.push(
      mounted.length > 0
        ? `${listNames(mounted.map((m) => m.node.name))} ${mounted.length === 1 ? "mounts" : "mount"} OCFS2 ${devices.join(", ")} at ${mountpoint}.`
        : `No node has OCFS2 mounted at ${mountpoint}.`,
    );
    if (storages.length > 0) {
      parts.push(
        `${storages.length === 1 ? "Storage" : "Storages"} ${listNames(storages.map(describeStorage))} ${storages.length === 1 ? "is" : "are"} enabled on ${listNames(names)}.`,
      );
    } else {
      parts.push(
        `${known ? "No storage in storage.cfg maps it, but " : ""}${listNames(names)} ${names.length === 1 ? "runs" : "run"} the same o2cb cluster as ${listNames([...new Set(missing.flatMap((m) => m.expectation.peers))])}.`,
      );
    }
    for (const { expectation, instead } of missing) {
      parts.push(
        instead === null
          ? `${expectation.node.name} has nothing mounted at ${mountpoint}.`
          : `${expectation.node.name} has ${instead} mounted at ${mountpoint} instead.`,
      );
    }
    const writesLocally = storages.filter((def) => mountTarget(def) === null && def.path !== null);
    if (writesLocally.length > 0) {
      parts.push(
        `Without is_mountpoint, Proxmox writes guest disks for ${listNames(writesLocally.map((d) => d.id))} to the local disk of ${listNames(names)} under ${listNames(writesLocally.map((d) => normalizePath(d.path ?? "")))}, invisible to the other nodes.`,
      );
    }

    const where = names.length === 1 ? `On ${names[0]}` : `On ${listNames(names)}`;
    const guarded = storages.map((d) => d.id);
    return {
      rule: "ocfs2.not-mounted",
      severity: "critical",
      subject: `ocfs2:${mountpoint}`,
      title: `OCFS2 volume ${mountpoint} is not mounted on ${listNames(names)}`,
      detail: parts.join(" "),
      remedy:
        `${where}: check the o2cb cluster (\`o2cb cluster-status\`), then \`mount ${mountpoint}\` (the fstab entry needs \`_netdev\`) and confirm with \`findmnt ${mountpoint}\`; \`journalctl -k | grep -i ocfs2\` shows why a mount failed.` +
        (guarded.length > 0
          ? ` Do not start or migrate guests on ${listNames(guarded)} there until it is mounted.`
          : ""),
    };
  });
};
