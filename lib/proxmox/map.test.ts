import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import { assembleApiView } from "./api-view";
import {
  bool,
  mapClusterStatus,
  mapGuests,
  mapNodes,
  mapNodeStorage,
  mapQdevice,
  mapStorages,
  storageDef,
} from "./map";

const data = (file: string): unknown => {
  const parsed = JSON.parse(readFixture(`proxmox-api/${file}`)) as unknown;
  return parsed && typeof parsed === "object" && "data" in parsed ? parsed.data : parsed;
};

describe("Proxmox mapping against recorded answers", () => {
  it("maps a 4-node /cluster/status", () => {
    const status = mapClusterStatus(data("cluster-status-4node-quorate-gomox-pve9x.json"));
    expect(status).toMatchObject({
      clusterName: "clustername",
      quorate: true,
      nodeCount: 4,
      configVersion: 4,
    });
    expect(status.nodes.map((n) => n.name).sort()).toEqual(["node1", "node2", "node3", "node4"]);
    expect(status.nodes.every((n) => n.online === true)).toBe(true);
  });

  it("maps /cluster/resources guests and ignores storage and node entries", () => {
    const guests = mapGuests(
      data("cluster-resources-4node-qemu-storage-cgroup-mode-gomox-pve9x.json"),
    );
    expect(guests.length).toBeGreaterThan(0);
    expect(guests.every((g) => g.kind === "qemu")).toBe(true);
    expect(guests.find((g) => g.vmid === 100)).toMatchObject({
      name: "server1",
      node: "node2",
      status: "running",
    });
  });

  it("maps /nodes with fingerprints", () => {
    const nodes = mapNodes(data("nodes-4node-ssl-fingerprint-gomox-pve9x.json"));
    expect(nodes[0]).toMatchObject({ name: "node1", online: true, uptimeSeconds: 2236708 });
    expect(nodes[0]!.sslFingerprint).toMatch(/^80:D4:/);
  });

  it("reads /cluster/config/qdevice: connected, and {} as none", () => {
    expect(mapQdevice(data("cluster-config-qdevice-connected-pvee442.json"))).toMatchObject({
      state: "Connected",
      algorithm: "Fifty-Fifty split",
      qnetdHost: "X.X.X.X:5403",
    });
    expect(mapQdevice(data("cluster-config-qdevice-not-configured-pvee442.json"))).toBeNull();
  });

  it("maps one node's storage status with 0/1 flags", () => {
    const [rbd] = mapNodeStorage(
      [data("nodes-node-storage-storage-status-rbd-shared-telmate800.json")].map((d) => ({
        storage: "ssd",
        ...(d as object),
      })),
    );
    expect(rbd).toMatchObject({
      storage: "ssd",
      active: true,
      enabled: true,
      shared: true,
      totalBytes: 838554492992,
    });
  });

  it("maps the old PVE 6.2 /cluster/resources storage answer without content keys", () => {
    expect(() =>
      mapGuests(data("cluster-resources-type-storage-pve62-json-pretty-cv4pve68.json")),
    ).not.toThrow();
  });

  it("derives shared from the type where storage.cfg does not say it", () => {
    expect(storageDef("nas", "nfs", {}).shared).toBe(true);
    expect(storageDef("local-zfs", "zfspool", {}).shared).toBe(false);
    expect(
      storageDef("ocfs", "dir", { shared: "1", is_mountpoint: "yes", path: "/mnt/ocfs" }),
    ).toMatchObject({ shared: true, isMountpoint: "yes" });
    expect(
      mapStorages([{ storage: "drbd1", type: "drbd", redundancy: 3, controllervm: 105 }])[0],
    ).toMatchObject({ redundancy: 3, controllerVm: 105 });
  });

  it.each([
    [1, true],
    [0, false],
    ["1", true],
    [true, true],
    [null, null],
    ["yes", null],
  ])("bool(%j) = %j", (value, expected) => {
    expect(bool(value)).toBe(expected);
  });

  it("keeps the view when a secondary endpoint answers in the wrong shape", () => {
    const result = assembleApiView(
      {
        "/cluster/status": {
          ok: true,
          data: data("cluster-status-4node-quorate-gomox-pve9x.json"),
        },
        "/nodes": { ok: true, data: "<html>" },
      },
      "node1",
      "2026-11-22T10:00:00Z",
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.view.nodes).toBeNull();
      expect(result.view.endpointErrors["/nodes"]?.kind).toBe("garbage");
    }
  });

  it("refuses the view when /cluster/status itself is garbage", () => {
    const result = assembleApiView(
      { "/cluster/status": { ok: true, data: { nope: 1 } } },
      null,
      "2026-11-22T10:00:00Z",
    );
    expect(result.ok).toBe(false);
  });
});
