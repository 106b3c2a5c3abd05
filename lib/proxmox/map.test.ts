import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import { assembleApiView } from "./api-view";
import { classifyUpstreamError } from "./errors";
import {
  bool,
  mapCephStatus,
  mapClusterStatus,
  mapGuests,
  mapHa,
  mapHaManagerStatus,
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

describe("HA manager status", () => {
  /** The CRM's status file as /cluster/ha/status/manager_status wraps it (pve-ha-manager Status.pm). */
  const managerStatus = (file: string, lrm: Record<string, unknown> = {}) => ({
    manager_status: JSON.parse(readFixture(`ha/${file}`)) as unknown,
    quorum: { node: "node1", quorate: "1" },
    lrm_status: lrm,
  });

  it("reads a fenced node and its service from a real CRM status (pve-ha-manager test-basic2)", () => {
    const status = mapHaManagerStatus(
      managerStatus("crm-manager-status-test-basic2-pve-ha-manager.json", {
        node2: { mode: "active", state: "active", timestamp: 1795727853, results: {} },
      }),
    );
    expect(status).toEqual({
      masterNode: "node2",
      timestamp: null,
      nodeStatus: { node1: "fence", node3: "online", node2: "online" },
      services: [{ sid: "vm:101", node: "node1", state: "fence", target: null }],
      lrm: [{ node: "node2", mode: "active", state: "active", timestamp: 1795727853 }],
      quorum: { node: "node1", quorate: true },
    });
  });

  it("reads a node in maintenance with no service left (test-crm-exiting-idle2)", () => {
    const status = mapHaManagerStatus(
      managerStatus("crm-manager-status-test-crm-exiting-idle2-pve-ha-manager.json"),
    );
    expect(status.nodeStatus.node2).toBe("maintenance");
    expect(status.services).toEqual([]);
  });

  it("reads recovery on an unknown node and the CRM's timestamp (test-recovery3)", () => {
    const status = mapHaManagerStatus(
      managerStatus("crm-manager-status-test-recovery3-pve-ha-manager.json"),
    );
    expect(status).toMatchObject({
      timestamp: 700,
      nodeStatus: { node2: "unknown" },
      services: [{ sid: "vm:102", node: "node2", state: "recovery" }],
    });
  });

  it("reads six services sorted by sid, with extra keys ignored (test-relocate-policy1)", () => {
    const status = mapHaManagerStatus(
      managerStatus("crm-manager-status-test-relocate-policy1-pve-ha-manager.json"),
    );
    expect(status.services.map((s) => `${s.sid}@${s.node}`)).toEqual([
      "vm:100@node1",
      "vm:101@node1",
      "vm:102@node1",
      "vm:103@node2",
      "vm:104@node2",
      "vm:105@node3",
    ]);
  });

  it("reads a cluster without HA (manager_status {}) as empty, and refuses what is not an object", () => {
    expect(mapHaManagerStatus({ manager_status: {} })).toEqual({
      masterNode: null,
      timestamp: null,
      nodeStatus: {},
      services: [],
      lrm: [],
      quorum: null,
    });
    expect(() => mapHaManagerStatus([])).toThrow(/expected an object/);
  });

  it("keeps the CRM state of /cluster/ha/status/current service entries", () => {
    const [service] = mapHa([
      {
        crm_state: "migrate",
        id: "service:vm:101",
        node: "pve3",
        sid: "vm:101",
        state: "migrate",
        status: "vm:101 (pve3, migrate)",
        type: "service",
      },
    ]);
    expect(service).toMatchObject({ crmState: "migrate", node: "pve3", sid: "vm:101" });
  });
});

describe("Ceph status", () => {
  const captured = () =>
    (
      JSON.parse(
        readFixture(
          "ceph/cluster-ceph-status-pve8-reef-3mon-21osd-health-warn-nearfull-goproxmox.json",
        ),
      ) as { data: unknown }
    ).data;

  it("reads a real PVE 8 /cluster/ceph/status: HEALTH_WARN with its checks, 3 mons in quorum, 21 OSDs up and in", () => {
    const ceph = mapCephStatus(captured());
    expect(ceph.health).toBe("HEALTH_WARN");
    expect(ceph.checks.map((c) => [c.name, c.severity, c.summary, c.count])).toEqual([
      ["OSD_NEARFULL", "HEALTH_WARN", "3 nearfull osd(s)", 3],
      ["POOL_NEARFULL", "HEALTH_WARN", "4 pool(s) nearfull", 4],
    ]);
    expect(ceph.checks[0]!.detail).toEqual([
      "osd.3 is near full",
      "osd.8 is near full",
      "osd.9 is near full",
    ]);
    expect(ceph.monitors).toEqual([
      { name: "proxmox-node01", rank: 0, addr: "192.168.105.90:6789/0" },
      { name: "proxmox-node03", rank: 1, addr: "192.168.105.92:6789/0" },
      { name: "proxmox-node02", rank: 2, addr: "192.168.105.101:6789/0" },
    ]);
    expect(ceph.quorumNames).toEqual(["proxmox-node01", "proxmox-node03", "proxmox-node02"]);
    expect(ceph.osds).toEqual({ total: 21, up: 21, in: 21 });
    expect(ceph.pgs).toEqual({ total: 577, byState: [{ state: "active+clean", count: 577 }] });
  });

  it("reads the MON_DOWN check of a real Luminous health section (insights-core sample)", () => {
    const report = JSON.parse(
      readFixture("ceph/ceph-report-mon-down-luminous-rhcs3-partial-insightscore.json"),
    ) as { health: unknown };
    const ceph = mapCephStatus({ health: report.health, quorum_names: ["ceph2", "ceph_1"] });
    expect(ceph.health).toBe("HEALTH_WARN");
    expect(ceph.checks.find((c) => c.name === "MON_DOWN")).toEqual({
      name: "MON_DOWN",
      severity: "HEALTH_WARN",
      summary: "1/3 mons down, quorum ceph2,ceph_1",
      count: null,
      detail: ["mon.ceph3 (rank 0) addr 10.72.37.76:6789/0 is down (out of quorum)"],
      muted: false,
    });
  });

  it("reads Nautilus's nested osdmap counters", () => {
    const ceph = mapCephStatus({
      osdmap: { osdmap: { epoch: 9, num_osds: 6, num_up_osds: 5, num_in_osds: 6 } },
    });
    expect(ceph.osds).toEqual({ total: 6, up: 5, in: 6 });
  });

  it("a cluster without Ceph (pveproxy: binary not installed) is no Ceph, not a failing endpoint", () => {
    const failure = classifyUpstreamError(
      new Error(
        'GET /api2/json/cluster/ceph/status return Error 500 binary not installed: /usr/bin/ceph-mon: {"data":null}',
      ),
      "/cluster/ceph/status on pve1:8006",
    );
    const assembled = assembleApiView(
      {
        "/cluster/status": {
          ok: true,
          data: data("cluster-status-4node-quorate-gomox-pve9x.json"),
        },
        "/cluster/ceph/status": { ok: false, failure },
      },
      "pve1:8006",
      "2026-11-22T10:00:00.000Z",
    );
    expect(assembled.ok && assembled.view.ceph).toBeNull();
    expect(assembled.ok && assembled.view.endpointErrors).toEqual({});
  });

  it("Ceph that does not answer in time is a failing endpoint, and its status is unknown", () => {
    const assembled = assembleApiView(
      {
        "/cluster/status": {
          ok: true,
          data: data("cluster-status-4node-quorate-gomox-pve9x.json"),
        },
        "/cluster/ceph/status": {
          ok: false,
          failure: {
            kind: "timeout",
            message: "no answer within 5000 ms",
            at: "2026-11-22T10:00:00.000Z",
          },
        },
        "/cluster/ha/status/manager_status": { ok: true, data: { manager_status: {} } },
      },
      "pve1:8006",
      "2026-11-22T10:00:00.000Z",
    );
    expect(assembled.ok && assembled.view.ceph).toBeNull();
    expect(assembled.ok && Object.keys(assembled.view.endpointErrors)).toEqual([
      "/cluster/ceph/status",
    ]);
  });
});
