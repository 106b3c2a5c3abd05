import type { StorageDef } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { storageDefs } from "../views-storage";

const GUEST_CONTENT = ["images", "rootdir"];

/** Guest disks land here: the content list names them, or is empty and the type's default (images) applies. */
function holdsGuestDisks(def: StorageDef): boolean {
  return def.content.length === 0 || def.content.some((c) => GUEST_CONTENT.includes(c));
}

/**
 * Shared types Proxmox cannot snapshot: thick LVM (unless PVE 9's volume chains are on) and raw
 * iSCSI LUNs used as disks. NFS/CIFS/GlusterFS snapshot with qcow2; ZFS, LVM-thin, RBD, CephFS natively.
 */
function lacksSnapshots(def: StorageDef): boolean {
  if (def.type === "lvm")
    return !/^(?:1|yes|on|true)$/i.test(def.properties["snapshot-as-volume-chain"] ?? "");
  if (def.type === "iscsi" || def.type === "iscsidirect") return def.content.includes("images");
  return false;
}

export const storageNoSnapshots: Rule = (snapshot) =>
  (storageDefs(snapshot) ?? [])
    .filter((def) => def.shared && !def.disabled && holdsGuestDisks(def) && lacksSnapshots(def))
    .map((def): Finding => {
      const lvm = def.type === "lvm";
      const what = lvm
        ? `thick LVM${def.properties.vgname ? ` (volume group ${def.properties.vgname})` : ""}, the usual layout on an iSCSI or FC SAN LUN`
        : `an iSCSI LUN used directly as a disk`;
      return {
        rule: "storage.no-snapshots",
        severity: "info",
        subject: `storage:${def.id}`,
        title: `Shared storage ${def.id} cannot take snapshots`,
        detail: `${def.id} (${def.type}, shared) is ${what}: Proxmox cannot snapshot guest disks stored there, so "Take Snapshot" and \`qm snapshot\` fail for guests using it.`,
        remedy: lvm
          ? `Expected on a SAN LUN; VM backups with vzdump do not need storage snapshots. On Proxmox VE 9, \`pvesm set ${def.id} --snapshot-as-volume-chain 1\` enables VM snapshots for newly created disks (technology preview, not for containers); otherwise keep guests that need snapshots on OCFS2 or NFS with qcow2, Ceph RBD or ZFS over iSCSI.`
          : `On Proxmox VE 9, put an LVM storage with \`--snapshot-as-volume-chain 1\` on the LUN (technology preview, VMs only), or keep guests that need snapshots on OCFS2 or NFS with qcow2, Ceph RBD or ZFS over iSCSI; VM backups with vzdump do not need storage snapshots.`,
      };
    });
