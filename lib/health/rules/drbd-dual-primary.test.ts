import { describe, expect, it } from "vitest";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { parseDrbdsetupJson } from "@/lib/parsers/drbdsetup-json";
import { makeSnapshot } from "../test-helpers";
import { drbdDualPrimary } from "./drbd-dual-primary";
import {
  connection,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  resource,
} from "./drbd-test-helpers";

describe("drbd.dual-primary", () => {
  it.each([
    [
      "pve1 and pve2 both report role Primary",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" }, pve3: {} })),
      2,
      "pve1 and pve2 report role Primary",
    ],
    [
      "pve1 is Primary and sees a non-Proxmox peer as Primary",
      [
        drbdNode("pve1", [
          resource("r0", {
            role: "Primary",
            connections: [connection("witness", { peerRole: "Primary" })],
          }),
        ]),
      ],
      2,
      "pve1 sees witness as Primary",
    ],
    [
      "pve1 is Primary and sees stale pve2 as Primary",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" } }), ["pve2"]),
      2,
      "pve1 sees pve2 as Primary",
    ],
    [
      "all three report Primary",
      meshNodes(
        mesh("r0", {
          pve1: { role: "Primary" },
          pve2: { role: "Primary" },
          pve3: { role: "Primary" },
        }),
      ),
      3,
      "pve1, pve2 and pve3 report role Primary",
    ],
  ])("%s → critical", (_name, nodes, count, detail) => {
    const findings = drbdDualPrimary(makeSnapshot({ nodes }));
    expect(findings).toMatchObject([
      {
        rule: "drbd.dual-primary",
        severity: "critical",
        subject: "drbd:r0",
        title: `DRBD resource r0 is Primary on ${count} nodes at once`,
      },
    ]);
    expect(findings[0]!.detail).toContain(detail);
    expect(findings[0]!.remedy).toContain("allow-two-primaries");
    expect(findings[0]!.remedy).toContain("drbdadm secondary r0");
  });

  it.each([
    [
      "one Primary, two Secondaries",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: {} })),
    ],
    ["no Primary at all", meshNodes(mesh("r0", { pve1: {}, pve2: {} }))],
    // A Secondary's view of two Primary peers could be one host under two names; only a Primary's own view is proof.
    [
      "a Secondary sees a Primary peer while that peer reports itself → judged by its own report",
      [
        drbdNode("pve1", [resource("r0", { role: "Primary" })]),
        drbdNode("pve2", [
          resource("r0", {
            connections: [connection("pve1.example.com", { peerRole: "Primary" })],
          }),
        ]),
      ],
    ],
    [
      "a Primary sees a peer as Primary that reports itself Secondary (the two views raced) → its own report wins",
      [
        drbdNode("pve1", [
          resource("r0", {
            role: "Primary",
            connections: [connection("pve2", { peerRole: "Primary" })],
          }),
        ]),
        drbdNode("pve2", [resource("r0")]),
      ],
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdDualPrimary(makeSnapshot({ nodes }))).toEqual([]);
  });

  it("both Primaries are stale → no finding", () => {
    const nodes = meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" } }), [
      "pve1",
      "pve2",
    ]);
    expect(drbdDualPrimary(makeSnapshot({ nodes }))).toEqual([]);
  });

  it("real /proc/drbd 8.4 with ro:Primary/Primary from one node → critical, the unnamed peer counts", () => {
    const status = drbdFixture(parseProcDrbd, "proc-drbd-8.4-dual-primary-node_exporter.txt");
    const findings = drbdDualPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }));
    expect(findings).toMatchObject([
      {
        severity: "critical",
        subject: "drbd:minor-1",
        title: "DRBD resource minor-1 is Primary on 2 nodes at once",
      },
    ]);
    expect(findings[0]!.detail).toContain("pve1 sees pve1's peer as Primary");
  });

  it("real /proc/drbd 8.4 Primary/Primary from both nodes → counted as two, not four", () => {
    const status = drbdFixture(parseProcDrbd, "proc-drbd-8.4-dual-primary-node_exporter.txt");
    const findings = drbdDualPrimary(
      makeSnapshot({ nodes: [fixtureNode("pve1", status), fixtureNode("pve2", status)] }),
    );
    expect(findings).toMatchObject([
      { title: "DRBD resource minor-1 is Primary on 2 nodes at once" },
    ]);
    expect(findings[0]!.detail).toContain("pve1 and pve2 report role Primary");
  });

  it("real drbdsetup JSON with a Secondary seeing a Primary peer → no finding", () => {
    const status = drbdFixture(
      parseDrbdsetupJson,
      "drbdsetup-status-json-2res-quorum-false-ha_cluster_exporter.json",
    );
    expect(drbdDualPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }))).toEqual([]);
  });
});
