import { describe, expect, it } from "vitest";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { listFixtures, parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { StorageDef } from "@/lib/snapshot/types";
import { apiView, failed, fromCfg, makeSnapshot, node, ok, report, storage } from "../test-helpers";
import { storageSharedDirWithoutMountpoint } from "./storage-shared-dir-without-mountpoint";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local 0 0\n`;

function host(name: string, mounts: string) {
  return node(name, { report: report(name, { mounts: ok(parsedValue(parseProcMounts(mounts))) }) });
}

function run(storages: StorageDef[], nodes = [host("pve1", OCFS2), host("pve2", OCFS2)]) {
  return storageSharedDirWithoutMountpoint(makeSnapshot({ nodes, api: apiView({ storages }) }));
}

describe("storage.shared-dir-without-mountpoint", () => {
  it.each([
    {
      name: "shared dir on the OCFS2 mountpoint itself → warning, `--is_mountpoint yes`",
      def: storage("ocfs2-vms", "dir", { path: "/mnt/ocfs2", shared: "1", content: "images" }),
      detail: [
        "ocfs2-vms (dir, shared, path /mnt/ocfs2) has no is_mountpoint",
        "Proxmox writes to the local disk",
        "pve1 and pve2 have ocfs2 mounted at /mnt/ocfs2",
      ],
      remedy: "pvesm set ocfs2-vms --is_mountpoint yes",
    },
    {
      name: "shared dir in a folder below the mount → names the mountpoint in the remedy",
      def: storage("vms", "dir", { path: "/mnt/ocfs2/images/", shared: "1" }),
      detail: ["path /mnt/ocfs2/images)"],
      remedy: "pvesm set vms --is_mountpoint /mnt/ocfs2",
    },
    {
      name: "is_mountpoint explicitly no → warning quoting the setting",
      def: storage("vms", "dir", { path: "/mnt/ocfs2", shared: "1", is_mountpoint: "no" }),
      detail: ["has is_mountpoint no"],
      remedy: "--is_mountpoint yes",
    },
  ])("$name", ({ def, detail, remedy }) => {
    const findings = run([def]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "storage.shared-dir-without-mountpoint",
        severity: "warning",
        subject: `storage:${def.id}`,
      }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it("no node reports its mounts → still flagged from storage.cfg alone, default remedy", () => {
    const findings = run(
      [storage("vms", "dir", { path: "/mnt/ocfs2", shared: "1" })],
      [node("pve1", { report: null })],
    );
    expect(findings[0]!.remedy).toContain("pvesm set vms --is_mountpoint yes");
    expect(findings[0]!.detail).not.toContain("mounted at");
  });

  it.each([
    {
      name: "is_mountpoint yes → quiet",
      def: storage("vms", "dir", { path: "/mnt/ocfs2", shared: "1", is_mountpoint: "yes" }),
    },
    {
      name: "is_mountpoint naming a path → quiet",
      def: storage("vms", "dir", {
        path: "/mnt/ocfs2/images",
        shared: "1",
        is_mountpoint: "/mnt/ocfs2",
      }),
    },
    {
      name: "a local dir (shared 0) → quiet",
      def: storage("local", "dir", { path: "/var/lib/vz", shared: "0" }),
    },
    {
      name: "NFS (mounted by Proxmox itself) → quiet",
      def: storage("nfs", "nfs", { path: "/mnt/pve/nfs", server: "10.0.0.9", export: "/x" }),
    },
    {
      name: "a disabled shared dir → quiet",
      def: storage("old", "dir", { path: "/mnt/old", shared: "1", disable: "1" }),
    },
  ])("$name", ({ def }) => {
    expect(run([def])).toEqual([]);
  });

  it("the API is stale → no verdict", () => {
    expect(storageSharedDirWithoutMountpoint(makeSnapshot({ api: failed() }))).toEqual([]);
  });

  it("real storage.cfg fixtures: dirs are local (no shared, or shared 0) → none flagged", () => {
    const files = listFixtures("pve-config").filter((f) => f.startsWith("storage-cfg-"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(run(fromCfg(readFixture(`pve-config/${file}`)))).toEqual([]);
  });

  it("real storage.cfg with the hdd dir switched to shared 1 → flagged with the yes remedy", () => {
    const text = readFixture("pve-config/storage-cfg-single-node-many-zfspools-dirs.cfg").replace(
      "prune-backups keep-all=1\n\tshared 0\n\nzfspool: hdd-8t",
      "prune-backups keep-all=1\n\tshared 1\n\nzfspool: hdd-8t",
    );
    const findings = run(fromCfg(text), [host("pve", `${ROOT}/dev/sdc1 /hdd ext4 rw 0 0\n`)]);
    expect(findings.map((f) => f.subject)).toEqual(["storage:hdd"]);
    expect(findings[0]!.detail).toContain("pve has ext4 mounted at /hdd");
    expect(findings[0]!.remedy).toContain("pvesm set hdd --is_mountpoint yes");
  });
});
