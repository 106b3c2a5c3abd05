import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import type { NodeSnapshot, StorageDef } from "@/lib/snapshot/types";
import { apiView, failed, fresh, makeSnapshot, storage } from "../test-helpers";
import { drbdRedundancyLow } from "./drbd-redundancy-low";
import {
  connection,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  peerDevice,
  resource,
} from "./drbd-test-helpers";

const DRBD2 = storage("drbdstorage", "drbd", {
  redundancy: "2",
  controller: "10.0.0.10",
  content: "images,rootdir",
});
const DRBD3 = storage("drbd3", "drbd", { redundancy: "3", controller: "10.0.0.10" });

function evaluate(nodes: NodeSnapshot[], storages: StorageDef[] = [DRBD2]) {
  return drbdRedundancyLow(makeSnapshot({ nodes, api: apiView({ storages }) }));
}

describe("drbd.redundancy-low", () => {
  it("redundancy 2, pve2's replica Inconsistent, pve3 a diskless client → warning: 1 UpToDate replica of 2", () => {
    const findings = evaluate(
      meshNodes(
        mesh("vm-100-disk-1", {
          pve1: { role: "Primary" },
          pve2: { disk: "Inconsistent" },
          pve3: { client: true },
        }),
      ),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "drbd.redundancy-low",
        severity: "warning",
        subject: "drbd:vm-100-disk-1",
        title: "DRBD resource vm-100-disk-1 has 1 UpToDate replica of 2",
        detail:
          "Storage drbdstorage asks LINSTOR for redundancy 2; UpToDate diskful replicas: pve1; not UpToDate: pve2 Inconsistent. A single node holds the latest data: losing it loses the data.",
      }),
    ]);
    expect(findings[0]!.remedy).toContain("linstor resource list -r vm-100-disk-1");
  });

  it("redundancy 3 with two UpToDate replicas and a diskless tiebreaker → warning: 2 of 3", () => {
    const findings = evaluate(
      meshNodes(
        mesh("pm-1a2b3c4d_100", { pve1: { role: "Primary" }, pve2: {}, pve3: { client: true } }),
      ),
      [DRBD3],
    );
    expect(findings).toMatchObject([
      {
        subject: "drbd:pm-1a2b3c4d_100",
        title: "DRBD resource pm-1a2b3c4d_100 has 2 UpToDate replicas of 3",
      },
    ]);
    expect(findings[0]!.detail).toContain("It survives 1 node failure instead of 2.");
  });

  it("pve2 is down (link Connecting) → its replica does not count: warning", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("vm-100-disk-1", {
          role: "Primary",
          connections: [
            connection("pve2", {
              connectionState: "Connecting",
              peerRole: "Unknown",
              peerDevices: [peerDevice("DUnknown")],
            }),
          ],
        }),
      ]),
    ];
    const findings = evaluate(nodes);
    expect(findings).toMatchObject([
      { title: "DRBD resource vm-100-disk-1 has 1 UpToDate replica of 2" },
    ]);
    expect(findings[0]!.detail).toContain(
      "UpToDate diskful replicas: pve1; not UpToDate: pve2 (link Connecting)",
    );
  });

  it("real drbdadm status (linstor218: self Inconsistent, one UpToDate peer, one diskless peer), named as the Proxmox plugin names disks → warning: 1 of 2", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-inconsistent-synctarget-stuck-diskless-primary-peer-linstor218.txt",
    );
    const renamed = {
      ...status,
      resources: status.resources.map((r) => ({ ...r, name: "vm-9120-disk-0" })),
    };
    const findings = evaluate([fixtureNode("m14c20", renamed)]);
    expect(findings).toMatchObject([
      {
        subject: "drbd:vm-9120-disk-0",
        title: "DRBD resource vm-9120-disk-0 has 1 UpToDate replica of 2",
      },
    ]);
    expect(findings[0]!.detail).toContain(
      "UpToDate diskful replicas: m14c19; not UpToDate: m14c20 Inconsistent",
    );
  });

  it("with storages of redundancy 2 and 3, a resource with 2 UpToDate replicas is not flagged (its storage cannot be told from DRBD)", () => {
    expect(
      evaluate(meshNodes(mesh("vm-100-disk-1", { pve1: {}, pve2: {}, pve3: { client: true } })), [
        DRBD2,
        DRBD3,
      ]),
    ).toEqual([]);
  });

  it.each([
    [
      "two UpToDate replicas for redundancy 2",
      meshNodes(
        mesh("vm-100-disk-1", { pve1: { role: "Primary" }, pve2: {}, pve3: { client: true } }),
      ),
    ],
    [
      "a diskless node seeing two UpToDate peers outside the fresh set",
      [
        drbdNode("pve1", [
          resource("vm-100-disk-1", {
            role: "Primary",
            devices: [],
            connections: [connection("sat1"), connection("sat2")],
          }),
        ]),
      ],
    ],
    [
      "pve2's agent is stale but pve1 sees it UpToDate over a live link",
      meshNodes(mesh("vm-100-disk-1", { pve1: {}, pve2: {} }), ["pve2"]),
    ],
    [
      "a resource the LINSTOR plugin did not create (r0)",
      meshNodes(mesh("r0", { pve1: {}, pve2: { disk: "Inconsistent" } })),
    ],
    [
      "the LINSTOR controller's own database resource",
      meshNodes(mesh("linstor_db", { pve1: {}, pve2: { disk: "Outdated" } })),
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(evaluate(nodes)).toEqual([]);
  });

  it.each([
    ["no drbd storage in storage.cfg", [storage("local", "dir", { path: "/var/lib/vz" })]],
    [
      "a drbd storage without redundancy",
      [storage("drbdstorage", "drbd", { controller: "10.0.0.10" })],
    ],
    [
      "the drbd storage is disabled",
      [storage("drbdstorage", "drbd", { redundancy: "2", disable: "1" })],
    ],
  ])("%s → no finding", (_name, storages) => {
    expect(
      evaluate(
        meshNodes(mesh("vm-100-disk-1", { pve1: {}, pve2: { disk: "Inconsistent" } })),
        storages,
      ),
    ).toEqual([]);
  });

  it("the API is stale (storage.cfg unknown) → no finding", () => {
    const nodes = meshNodes(mesh("vm-100-disk-1", { pve1: {}, pve2: { disk: "Inconsistent" } }));
    const api = failed({}, apiView({ storages: [DRBD2] }), 60_000);
    expect(drbdRedundancyLow(makeSnapshot({ nodes, api }))).toEqual([]);
    expect(
      drbdRedundancyLow(makeSnapshot({ nodes, api: fresh(apiView({ storages: [DRBD2] })) })),
    ).toHaveLength(1);
  });
});
