import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { makeSnapshot } from "../test-helpers";
import { drbdNoPrimary } from "./drbd-no-primary";
import {
  connection,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  resource,
} from "./drbd-test-helpers";

describe("drbd.no-primary", () => {
  it("three nodes all reporting Secondary → info naming them", () => {
    const findings = drbdNoPrimary(
      makeSnapshot({
        nodes: meshNodes(mesh("vm-100-disk-1", { pve1: {}, pve2: {}, pve3: { client: true } })),
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "drbd.no-primary",
        severity: "info",
        subject: "drbd:vm-100-disk-1",
        title: "DRBD resource vm-100-disk-1 is not in use on any node",
        detail:
          "pve1, pve2 and pve3 are all Secondary: no guest or service has vm-100-disk-1 open right now.",
      }),
    ]);
  });

  it("real drbdadm status: both Secondary after a reboot, connected (drbd97) → info", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-84kernel-utils928-both-secondary-after-reboot-drbd97.txt",
    );
    const findings = drbdNoPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }));
    expect(findings).toMatchObject([{ subject: "drbd:r0", severity: "info" }]);
    expect(findings[0]!.detail).toContain("pve1 and peer are both Secondary");
  });

  it("pve3's agent is stale but pve1 and pve2 see it Secondary over live links → info: its role is known from them", () => {
    const nodes = meshNodes(mesh("r0", { pve1: {}, pve2: {}, pve3: {} }), ["pve3"]);
    expect(drbdNoPrimary(makeSnapshot({ nodes }))).toMatchObject([{ subject: "drbd:r0" }]);
  });

  it("a down link to a node that reported freshly itself → still judged (everyone accounted for)", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          connections: [connection("pve2", { connectionState: "Connecting", peerRole: "Unknown" })],
        }),
      ]),
      drbdNode("pve2", [
        resource("r0", {
          connections: [connection("pve1", { connectionState: "Connecting", peerRole: "Unknown" })],
        }),
      ]),
    ];
    expect(drbdNoPrimary(makeSnapshot({ nodes }))).toMatchObject([{ subject: "drbd:r0" }]);
  });

  it.each([
    ["pve1 is Primary", meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {} }))],
    [
      "the only fresh node sees a Primary peer",
      meshNodes(mesh("r0", { pve1: {}, pve2: { role: "Primary" } }), ["pve2"]),
    ],
    [
      "a peer behind a down link did not answer freshly: it may be the Primary",
      [
        drbdNode("pve1", [
          resource("r0", {
            connections: [
              connection("pve2", { connectionState: "Connecting", peerRole: "Unknown" }),
            ],
          }),
        ]),
        drbdNode("pve2", [resource("r0")], { stale: true }),
      ],
    ],
    ["every holder stale", meshNodes(mesh("r0", { pve1: {}, pve2: {} }), ["pve1", "pve2"])],
    ["a node whose own role is Unknown", [drbdNode("pve1", [resource("r0", { role: "Unknown" })])]],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdNoPrimary(makeSnapshot({ nodes }))).toEqual([]);
  });

  it("real /proc/drbd 8.4 Secondary in WFConnection, peer role Unknown (trinity) → no finding", () => {
    const status = drbdFixture(
      parseProcDrbd,
      "proc-drbd-8.4-wfconnection-secondary-inconsistent-trinity651.txt",
    );
    expect(drbdNoPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }))).toEqual([]);
  });
});
