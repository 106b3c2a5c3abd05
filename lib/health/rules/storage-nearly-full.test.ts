import { describe, expect, it } from "vitest";
import type { NodeStorageStatus } from "@/lib/snapshot/types";
import { DEFAULT_THRESHOLDS } from "../thresholds";
import { apiView, failed, makeSnapshot, node, storage } from "../test-helpers";
import { storageNearlyFull } from "./storage-nearly-full";

const GiB = 1024 ** 3;

function status(
  id: string,
  type: string,
  usedGiB: number,
  totalGiB = 1000,
  partial: Partial<NodeStorageStatus> = {},
): NodeStorageStatus {
  return {
    storage: id,
    type,
    active: true,
    enabled: true,
    shared: false,
    totalBytes: totalGiB * GiB,
    usedBytes: usedGiB * GiB,
    availBytes: (totalGiB - usedGiB) * GiB,
    ...partial,
  };
}

describe("storage.nearly-full", () => {
  it.each([
    {
      name: "local-lvm at 96 % on pve2 and 88 % on pve1 → critical for the worst node, mentions the other",
      nodes: [
        node("pve1", { storage: [status("local-lvm", "lvmthin", 880)] }),
        node("pve2", { storage: [status("local-lvm", "lvmthin", 960)] }),
      ],
      severity: "critical",
      subject: "storage:local-lvm",
      title: "Storage local-lvm on pve2 is 96 % full",
      detail: [
        "on pve2: 960 GiB of 1000 GiB used (96.0 %), 40.0 GiB free",
        "Also above 85 %: pve1 (88.0 %)",
      ],
      remedy: "thin pool",
    },
    {
      name: "shared NFS at 87 % seen by two nodes → one warning for the shared storage",
      nodes: [
        node("pve1", { storage: [status("backup", "nfs", 870, 1000, { shared: true })] }),
        node("pve2", { storage: [status("backup", "nfs", 870, 1000, { shared: true })] }),
      ],
      severity: "warning",
      subject: "storage:backup",
      title: "Shared storage backup is 87 % full",
      detail: ["backup (nfs, shared) as pve1 reports it"],
      remedy: "prune-backups",
    },
    {
      name: "exactly at the 85 % threshold → warning",
      nodes: [node("pve1", { storage: [status("local", "dir", 85, 100)] })],
      severity: "warning",
      subject: "storage:local",
      title: "Storage local on pve1 is 85 % full",
      detail: ["warning at 85 %, critical at 95 %"],
      remedy: "qm disk move",
    },
  ])("$name", ({ nodes, severity, subject, title, detail, remedy }) => {
    const findings = storageNearlyFull(makeSnapshot({ nodes }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "storage.nearly-full", severity, subject, title }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it("the storage definition says shared even when the node status does not → treated as shared", () => {
    const snapshot = makeSnapshot({
      nodes: [node("pve1", { storage: [status("san", "lvm", 990)] })],
      api: apiView({ storages: [storage("san", "lvm", { shared: "1", vgname: "vg" })] }),
    });
    expect(storageNearlyFull(snapshot)[0]).toMatchObject({
      severity: "critical",
      title: "Shared storage san is 99 % full",
    });
  });

  it("configured thresholds from the snapshot are used → 70 % warns at a 0.6 warning ratio", () => {
    const snapshot = {
      ...makeSnapshot({ nodes: [node("pve1", { storage: [status("local", "dir", 70, 100)] })] }),
      thresholds: { ...DEFAULT_THRESHOLDS, storageWarnRatio: 0.6 },
    };
    expect(storageNearlyFull(snapshot)).toHaveLength(1);
  });

  it.each([
    {
      name: "84.9 % → quiet",
      nodes: [node("pve1", { storage: [status("local", "dir", 849, 1000)] })],
    },
    {
      name: "an inactive storage reporting 0 bytes total → quiet",
      nodes: [node("pve1", { storage: [status("nfs", "nfs", 0, 0, { active: false })] })],
    },
    {
      name: "unknown usage (null) → quiet",
      nodes: [node("pve1", { storage: [status("local", "dir", 0, 100, { usedBytes: null })] })],
    },
    {
      name: "the node's storage list is stale → no verdict",
      nodes: [
        node("pve1", {
          storage: failed<NodeStorageStatus[]>({}, [status("local", "dir", 99, 100)]),
        }),
      ],
    },
  ])("$name", ({ nodes }) => {
    expect(storageNearlyFull(makeSnapshot({ nodes }))).toEqual([]);
  });
});
