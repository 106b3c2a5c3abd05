import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { makeSnapshot } from "../test-helpers";
import { drbdDiskDegraded } from "./drbd-disk-degraded";
import {
  connection,
  device,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  peerDevice,
  resource,
} from "./drbd-test-helpers";

describe("drbd.disk-degraded", () => {
  it("real drbdadm status: Inconsistent SyncTarget from an UpToDate peer (linstor218) → warning, a copy still exists", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-inconsistent-synctarget-stuck-diskless-primary-peer-linstor218.txt",
    );
    const findings = drbdDiskDegraded(makeSnapshot({ nodes: [fixtureNode("m14c20", status)] }));
    expect(findings).toMatchObject([
      {
        rule: "drbd.disk-degraded",
        severity: "warning",
        subject: "drbd:one-vm-9120-disk-0",
        title: "DRBD resource one-vm-9120-disk-0 has a degraded replica on m14c20",
      },
    ]);
    expect(findings[0]!.detail).toBe(
      "m14c20: disk Inconsistent (SyncTarget from m14c19, progress not reported). An UpToDate copy still exists elsewhere.",
    );
  });

  it("real drbdadm status: SyncTarget at 0.08 % (crowbar) → warning with the percentage", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-synctarget-done-crowbar1238.txt",
    );
    const findings = drbdDiskDegraded(makeSnapshot({ nodes: [fixtureNode("pve2", status)] }));
    expect(findings).toMatchObject([{ severity: "warning", subject: "drbd:postgresql" }]);
    expect(findings[0]!.detail).toContain(
      "pve2: disk Inconsistent (SyncTarget from d52-54-77-77-01-01, 0.1 % done)",
    );
  });

  it("real drbdadm status: a diskless tiebreaker that does not print client:yes (reactor1) → no finding for it", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-quorum-no-diskless-standalone-colo-srv-1-reactor1.txt",
    );
    expect(drbdDiskDegraded(makeSnapshot({ nodes: [fixtureNode("colo-srv-1", status)] }))).toEqual(
      [],
    );
  });

  it.each([
    [
      "pve2 Outdated while pve1 is UpToDate",
      mesh("r0", { pve1: { role: "Primary" }, pve2: { disk: "Outdated" }, pve3: { client: true } }),
      "pve2: disk Outdated",
    ],
    [
      "pve3's backing disk Failed",
      mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: { disk: "Failed" } }),
      "pve3: disk Failed",
    ],
    [
      "pve2 Diskless although it is not a client (backing device detached)",
      {
        ...mesh("r0", { pve1: { role: "Primary" } }),
        pve2: resource("r0", { devices: [device("Diskless", { client: false })] }),
      },
      "pve2: disk Diskless",
    ],
  ])("%s → warning", (_name, views, detail) => {
    const findings = drbdDiskDegraded(makeSnapshot({ nodes: meshNodes(views) }));
    expect(findings).toMatchObject([
      { rule: "drbd.disk-degraded", severity: "warning", subject: "drbd:r0" },
    ]);
    expect(findings[0]!.detail).toContain(detail);
    expect(findings[0]!.detail).toContain("An UpToDate copy still exists elsewhere.");
  });

  it("a failed backing disk → the remedy says detach, repair, attach", () => {
    const findings = drbdDiskDegraded(
      makeSnapshot({ nodes: meshNodes(mesh("r0", { pve1: {}, pve2: { disk: "Failed" } })) }),
    );
    expect(findings[0]!.remedy).toContain("drbdadm detach r0");
    expect(findings[0]!.remedy).toContain("drbdadm attach r0");
  });

  it("every replica connected and none UpToDate → critical: no UpToDate copy left", () => {
    const findings = drbdDiskDegraded(
      makeSnapshot({
        nodes: meshNodes(
          mesh("r0", {
            pve1: { disk: "Inconsistent" },
            pve2: { disk: "Outdated" },
            pve3: { client: true },
          }),
        ),
      }),
    );
    expect(findings).toMatchObject([
      {
        severity: "critical",
        subject: "drbd:r0",
        title: "DRBD resource r0 has no UpToDate copy left",
      },
    ]);
    expect(findings[0]!.detail).toBe(
      "pve1: disk Inconsistent; pve2: disk Outdated. No node holds an UpToDate copy: the latest data may be lost.",
    );
    expect(findings[0]!.remedy).toContain("do not force anything yet");
  });

  it("pve1 Outdated and its link to pve2 (agent stale) down → warning, not critical: pve2 may hold the UpToDate copy", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          devices: [device("Outdated")],
          connections: [connection("pve2", { connectionState: "Connecting", peerRole: null })],
        }),
      ]),
      drbdNode("pve2", [resource("r0", { role: "Primary" })], { stale: true }),
    ];
    const findings = drbdDiskDegraded(makeSnapshot({ nodes }));
    expect(findings).toMatchObject([{ severity: "warning" }]);
    expect(findings[0]!.detail).toContain("some replicas could not be seen");
  });

  it("a peer outside Proxmox seen Outdated over a live link → warning naming it", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          role: "Primary",
          connections: [connection("storage-1", { peerDevices: [peerDevice("Outdated")] })],
        }),
      ]),
    ];
    const findings = drbdDiskDegraded(makeSnapshot({ nodes }));
    expect(findings[0]!.detail).toContain("storage-1: disk Outdated (as pve1 sees it)");
  });

  it("the Inconsistent node is stale, but a fresh neighbour sees it Inconsistent over a live link → warning from that view", () => {
    const findings = drbdDiskDegraded(
      makeSnapshot({
        nodes: meshNodes(mesh("r0", { pve1: {}, pve2: { disk: "Inconsistent" } }), ["pve2"]),
      }),
    );
    expect(findings).toMatchObject([{ severity: "warning" }]);
    expect(findings[0]!.detail).toContain("pve2: disk Inconsistent (as pve1 sees it)");
  });

  it("a peer that reports freshly itself is judged by its own report, not by a neighbour's view", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          role: "Primary",
          connections: [connection("pve2", { peerDevices: [peerDevice("Inconsistent")] })],
        }),
      ]),
      drbdNode("pve2", [resource("r0", { connections: [connection("pve1")] })]),
    ];
    expect(drbdDiskDegraded(makeSnapshot({ nodes }))).toEqual([]);
  });

  it.each([
    [
      "every replica UpToDate, one diskless client",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: { client: true } })),
    ],
    [
      "the Inconsistent node is stale and its link is down",
      [
        drbdNode("pve1", [
          resource("r0", {
            connections: [
              connection("pve2", {
                connectionState: "Connecting",
                peerRole: null,
                peerDevices: [peerDevice("DUnknown")],
              }),
            ],
          }),
        ]),
        drbdNode("pve2", [resource("r0", { devices: [device("Inconsistent")] })], { stale: true }),
      ],
    ],
    [
      "a peer seen as DUnknown (link down: peer-disconnected's business)",
      [
        drbdNode("pve1", [
          resource("r0", {
            connections: [
              connection("pve2", {
                connectionState: "Connecting",
                peerDevices: [peerDevice("DUnknown")],
              }),
            ],
          }),
        ]),
      ],
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdDiskDegraded(makeSnapshot({ nodes }))).toEqual([]);
  });
});
