import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { makeSnapshot } from "../test-helpers";
import { drbdPeerDisconnected } from "./drbd-peer-disconnected";
import {
  connection,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  resource,
} from "./drbd-test-helpers";

describe("drbd.peer-disconnected", () => {
  it("real drbdadm status: colo-srv-3 Connecting to both peers (reactor1) → one warning listing both links", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-quorum-no-uptodate-connecting-colo-srv-3-reactor1.txt",
    );
    const findings = drbdPeerDisconnected(
      makeSnapshot({ nodes: [fixtureNode("colo-srv-3", status)] }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "drbd.peer-disconnected",
        severity: "warning",
        subject: "drbd:linstor_db",
        title: "DRBD resource linstor_db has 2 disconnected peer links",
        detail:
          "colo-srv-3 → colo-srv-1: Connecting; colo-srv-3 → colo-srv-2: Connecting. Writes on this resource are not replicated over those links.",
      }),
    ]);
    expect(findings[0]!.remedy).toContain("reconnect by themselves");
  });

  it("real drbdadm status: Primary StandAlone with no split-brain evidence (hwameistor) → warning, not split brain; remedy says connect", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-splitbrain-standalone-primary-hwameistor326.txt",
    );
    const findings = drbdPeerDisconnected(
      makeSnapshot({ nodes: [fixtureNode("k8s-node", status)] }),
    );
    expect(findings).toMatchObject([
      {
        severity: "warning",
        subject: "drbd:pvc-4d6880e8-50ef-42fe-8b8d-e8f987987992",
        title:
          "DRBD resource pvc-4d6880e8-50ef-42fe-8b8d-e8f987987992: k8s-node is not connected to k8s-master",
      },
    ]);
    expect(findings[0]!.remedy).toContain(
      "drbdadm connect pvc-4d6880e8-50ef-42fe-8b8d-e8f987987992",
    );
    expect(findings[0]!.remedy).toContain("Split-Brain detected");
  });

  it("real /proc/drbd 8.4 in WFConnection (trinity) → warning for the unnamed peer", () => {
    const status = drbdFixture(
      parseProcDrbd,
      "proc-drbd-8.4-wfconnection-secondary-inconsistent-trinity651.txt",
    );
    const findings = drbdPeerDisconnected(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }));
    expect(findings).toMatchObject([
      {
        subject: "drbd:minor-1",
        title: "DRBD resource minor-1: pve1 is not connected to pve1's peer",
      },
    ]);
    expect(findings[0]!.detail).toContain("WFConnection");
  });

  it("the same down link seen from both ends → one finding listing each end's view", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          role: "Primary",
          connections: [connection("pve2", { connectionState: "Connecting", peerRole: null })],
        }),
      ]),
      drbdNode("pve2", [
        resource("r0", {
          connections: [connection("pve1", { connectionState: "StandAlone", peerRole: null })],
        }),
      ]),
    ];
    const findings = drbdPeerDisconnected(makeSnapshot({ nodes }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.detail).toContain("pve1 → pve2: Connecting; pve2 → pve1: StandAlone");
  });

  it.each([
    [
      "every link Connected",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: {} })),
    ],
    [
      "the only node with a down link is stale",
      [
        drbdNode(
          "pve1",
          [
            resource("r0", {
              connections: [connection("pve2", { connectionState: "Connecting" })],
            }),
          ],
          { stale: true },
        ),
      ],
    ],
    [
      "an events2 capture never saw the connection's state (Unknown)",
      [
        drbdNode(
          "pve1",
          [resource("r0", { connections: [connection("pve2", { connectionState: "Unknown" })] })],
          { source: "drbdsetup-events2" },
        ),
      ],
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdPeerDisconnected(makeSnapshot({ nodes }))).toEqual([]);
  });
});
