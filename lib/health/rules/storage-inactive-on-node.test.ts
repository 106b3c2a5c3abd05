import { describe, expect, it } from "vitest";
import { parseStorageCfg } from "@/lib/parsers/storage-cfg";
import { readFixture } from "@/lib/parsers/test-helpers";
import { storageDef } from "@/lib/proxmox/map";
import type { NodeStorageStatus, StorageDef } from "@/lib/snapshot/types";
import { apiView, failed, makeSnapshot, node, storage } from "../test-helpers";
import { storageInactiveOnNode } from "./storage-inactive-on-node";

function status(
  id: string,
  active: boolean | null,
  partial: Partial<NodeStorageStatus> = {},
): NodeStorageStatus {
  return {
    storage: id,
    type: "dir",
    active,
    enabled: true,
    shared: true,
    totalBytes: 1e12,
    usedBytes: 1e11,
    availBytes: 9e11,
    ...partial,
  };
}

const OCFS2 = storage("ocfs2-vms", "dir", {
  path: "/mnt/ocfs2",
  shared: "1",
  is_mountpoint: "yes",
  content: "images",
});
const SAN = storage("san", "lvm", { vgname: "vg-san", shared: "1", content: "images" });
const LOCAL = storage("local-lvm", "lvmthin", { thinpool: "data", vgname: "pve" });

function run(storages: StorageDef[], nodes: ReturnType<typeof node>[]) {
  return storageInactiveOnNode(makeSnapshot({ nodes, api: apiView({ storages }) }));
}

describe("storage.inactive-on-node", () => {
  it.each([
    {
      name: "the OCFS2 dir storage is inactive on pve3 (not mounted) → warning naming pve3, mount remedy",
      storages: [OCFS2],
      nodes: [
        node("pve1", { storage: [status("ocfs2-vms", true)] }),
        node("pve2", { storage: [status("ocfs2-vms", true)] }),
        node("pve3", { storage: [status("ocfs2-vms", false)] }),
      ],
      title: "Shared storage ocfs2-vms is not active on pve3",
      detail: ["pve3 reports it inactive (active 0)", "It is active on pve1 and pve2"],
      remedy: "mount /mnt/ocfs2",
    },
    {
      name: "shared LVM missing from pve2's storage list and inactive on pve3 → one finding naming both",
      storages: [SAN],
      nodes: [
        node("pve1", { storage: [status("san", true)] }),
        node("pve2", { storage: [] }),
        node("pve3", { storage: [status("san", false)] }),
      ],
      title: "Shared storage san is not active on pve2 and pve3",
      detail: ["pve3 reports it inactive", "pve2 does not list it at all"],
      remedy: "vg-san",
    },
  ])("$name", ({ storages, nodes, title, detail, remedy }) => {
    const findings = run(storages, nodes);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "storage.inactive-on-node",
        severity: "warning",
        subject: `storage:${storages[0]!.id}`,
        title,
      }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it.each([
    {
      name: "active everywhere → quiet",
      storages: [OCFS2],
      nodes: [
        node("pve1", { storage: [status("ocfs2-vms", true)] }),
        node("pve2", { storage: [status("ocfs2-vms", true)] }),
      ],
    },
    {
      name: "restricted to pve1 and pve2, absent on pve3 → quiet",
      storages: [storage("san", "lvm", { vgname: "vg", shared: "1", nodes: "pve1,pve2" })],
      nodes: [
        node("pve1", { storage: [status("san", true)] }),
        node("pve2", { storage: [status("san", true)] }),
        node("pve3", { storage: [] }),
      ],
    },
    {
      name: "a disabled storage → quiet",
      storages: [storage("old", "nfs", { disable: "1" })],
      nodes: [node("pve1", { storage: [] })],
    },
    {
      name: "a local storage inactive → not this rule",
      storages: [LOCAL],
      nodes: [node("pve1", { storage: [status("local-lvm", false, { shared: false })] })],
    },
    {
      name: "pve3's storage list is stale (offline) → no verdict",
      storages: [OCFS2],
      nodes: [
        node("pve1", { storage: [status("ocfs2-vms", true)] }),
        node("pve3", { storage: failed() }),
      ],
    },
    {
      name: "active unknown (null) → no verdict",
      storages: [OCFS2],
      nodes: [node("pve1", { storage: [status("ocfs2-vms", null)] })],
    },
  ])("$name", ({ storages, nodes }) => {
    expect(run(storages, nodes)).toEqual([]);
  });

  it("the API is stale → no storage definitions, no verdict", () => {
    const snapshot = makeSnapshot({
      nodes: [node("pve1", { storage: [status("ocfs2-vms", false)] })],
      api: failed(),
    });
    expect(storageInactiveOnNode(snapshot)).toEqual([]);
  });

  it("real storage.cfg: the NFS storage ISO (shared by type) inactive on pve2 → flagged; the shared-0 LVM is not", () => {
    const parsed = parseStorageCfg(
      readFixture("pve-config/storage-cfg-nfs-lvm-shared0-spaces-indent.cfg"),
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const storages = parsed.value.storages.map((s) => storageDef(s.id, s.type, s.properties));
    const nodes = [
      node("pve1", {
        storage: [
          status("ISO", true, { type: "nfs" }),
          status("stockage-vm", true, { type: "lvm", shared: false }),
        ],
      }),
      node("pve2", {
        storage: [
          status("ISO", false, { type: "nfs" }),
          status("stockage-vm", false, { type: "lvm", shared: false }),
        ],
      }),
    ];
    const findings = run(storages, nodes);
    expect(findings.map((f) => f.subject)).toEqual(["storage:ISO"]);
    expect(findings[0]!.remedy).toContain("pvesm scan nfs 192.168.67.181");
  });
});
