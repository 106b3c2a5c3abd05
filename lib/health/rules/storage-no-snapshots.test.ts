import { describe, expect, it } from "vitest";
import { listFixtures, readFixture } from "@/lib/parsers/test-helpers";
import type { StorageDef } from "@/lib/snapshot/types";
import { apiView, failed, fromCfg, makeSnapshot, storage } from "../test-helpers";
import { storageNoSnapshots } from "./storage-no-snapshots";

function run(storages: StorageDef[]) {
  return storageNoSnapshots(makeSnapshot({ api: apiView({ storages }) }));
}

describe("storage.no-snapshots", () => {
  it.each([
    {
      name: "shared thick LVM on a SAN LUN → info with the volume-chain remedy",
      def: storage("san", "lvm", { vgname: "vg-san", shared: "1", content: "images,rootdir" }),
      detail: "thick LVM (volume group vg-san)",
      remedy: "pvesm set san --snapshot-as-volume-chain 1",
    },
    {
      name: "shared thick LVM with no content line (PVE default: images) → info",
      def: storage("san", "lvm", { vgname: "vg-san", shared: "1" }),
      detail: "cannot snapshot guest disks",
      remedy: "vzdump",
    },
    {
      name: "an iSCSI LUN used directly for disks → info",
      def: storage("lun", "iscsi", {
        portal: "10.0.0.9",
        target: "iqn.2025-01.example:lun",
        content: "images",
      }),
      detail: "an iSCSI LUN used directly as a disk",
      remedy: "snapshot-as-volume-chain",
    },
  ])("$name", ({ def, detail, remedy }) => {
    const findings = run([def]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "storage.no-snapshots",
        severity: "info",
        subject: `storage:${def.id}`,
      }),
    ]);
    expect(findings[0]!.detail).toContain(detail);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it.each([
    {
      name: "local thick LVM (not shared) → quiet",
      def: storage("data", "lvm", { vgname: "data" }),
    },
    {
      name: "shared LVM with PVE 9 volume chains → quiet",
      def: storage("san", "lvm", { vgname: "vg", shared: "1", "snapshot-as-volume-chain": "1" }),
    },
    {
      name: "shared LVM holding no guest disks (content none) → quiet",
      def: storage("san", "lvm", { vgname: "vg", shared: "1", content: "none" }),
    },
    {
      name: "a disabled shared LVM → quiet",
      def: storage("san", "lvm", { vgname: "vg", shared: "1", disable: "1" }),
    },
    {
      name: "NFS (snapshots with qcow2) → quiet",
      def: storage("nfs", "nfs", { server: "10.0.0.9", export: "/x", content: "images" }),
    },
    {
      name: "CIFS (snapshots with qcow2) → quiet",
      def: storage("smb", "cifs", { server: "10.0.0.9", share: "x", content: "images" }),
    },
    {
      name: "the iSCSI base under an LVM (content none) → quiet",
      def: storage("lun", "iscsi", { portal: "10.0.0.9", content: "none" }),
    },
    { name: "Ceph RBD → quiet", def: storage("ceph", "rbd", { pool: "rbd" }) },
    {
      name: "ZFS over iSCSI → quiet",
      def: storage("zfs", "zfs", { pool: "tank", portal: "10.0.0.9" }),
    },
    {
      name: "shared OCFS2 dir (qcow2) → quiet",
      def: storage("ocfs2", "dir", { path: "/mnt/ocfs2", shared: "1", is_mountpoint: "yes" }),
    },
  ])("$name", ({ def }) => {
    expect(run([def])).toEqual([]);
  });

  it("the API is stale → no verdict", () => {
    expect(storageNoSnapshots(makeSnapshot({ api: failed() }))).toEqual([]);
  });

  it("real storage.cfg fixtures (NFS, local LVM shared 0, LINSTOR, ZFS over iSCSI, TrueNAS plugin, zfspools) → none flagged", () => {
    const files = listFixtures("pve-config").filter((f) => f.startsWith("storage-cfg-"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(run(fromCfg(readFixture(`pve-config/${file}`)))).toEqual([]);
  });

  it("real storage.cfg with its stockage-vm LVM switched to shared 1 → exactly that one flagged", () => {
    const text = readFixture("pve-config/storage-cfg-nfs-lvm-shared0-spaces-indent.cfg").replace(
      "shared 0",
      "shared 1",
    );
    expect(run(fromCfg(text)).map((f) => f.subject)).toEqual(["storage:stockage-vm"]);
  });
});
