import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { parseDrbdsetupJson } from "@/lib/parsers/drbdsetup-json";
import { makeSnapshot } from "../test-helpers";
import { drbdQuorumLost } from "./drbd-quorum-lost";
import {
  device,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  resource,
} from "./drbd-test-helpers";

describe("drbd.quorum-lost", () => {
  it("real drbdadm status from two reactor nodes, both quorum:no (one diskless and StandAlone, one UpToDate and Connecting) → one critical finding naming both", () => {
    const srv1 = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-quorum-no-diskless-standalone-colo-srv-1-reactor1.txt",
    );
    const srv3 = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-quorum-no-uptodate-connecting-colo-srv-3-reactor1.txt",
    );
    const findings = drbdQuorumLost(
      makeSnapshot({ nodes: [fixtureNode("colo-srv-1", srv1), fixtureNode("colo-srv-3", srv3)] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "drbd.quorum-lost",
      severity: "critical",
      subject: "drbd:linstor_db",
      title: "DRBD resource linstor_db has lost quorum on 2 nodes",
    });
    expect(findings[0]!.detail).toContain(
      "colo-srv-1 reports quorum:no (role Secondary, disk Diskless, peers: colo-srv-2 StandAlone, colo-srv-3 StandAlone)",
    );
    expect(findings[0]!.detail).toContain(
      "colo-srv-3 reports quorum:no (role Secondary, disk UpToDate, peers: colo-srv-1 Connecting, colo-srv-2 Connecting)",
    );
    expect(findings[0]!.remedy).toContain("drbdadm connect linstor_db");
  });

  it("real drbdsetup JSON with one of two resources quorum:false on its device → critical for that resource only", () => {
    const status = drbdFixture(
      parseDrbdsetupJson,
      "drbdsetup-status-json-2res-quorum-false-ha_cluster_exporter.json",
    );
    const findings = drbdQuorumLost(makeSnapshot({ nodes: [fixtureNode("node2", status)] }));
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([["drbd:1-single-1", "critical"]]);
    expect(findings[0]!.detail).toContain(
      "node2 reports quorum:no (role Secondary, disk UpToDate, all peers connected)",
    );
  });

  it.each([
    ["resource quorum false", resource("r0", { quorum: false })],
    [
      "only the second volume without quorum",
      resource("r0", {
        quorum: null,
        devices: [
          device("UpToDate", { quorum: true }),
          device("UpToDate", { volume: 1, quorum: false }),
        ],
      }),
    ],
    [
      "quorum lost with I/O suspended for quorum",
      resource("r0", { quorum: false, suspended: true, suspendedReasons: ["quorum"] }),
    ],
  ])("%s → critical", (_name, res) => {
    const findings = drbdQuorumLost(makeSnapshot({ nodes: [drbdNode("pve1", [res])] }));
    expect(findings).toMatchObject([
      {
        severity: "critical",
        subject: "drbd:r0",
        title: "DRBD resource r0 has lost quorum on 1 node",
      },
    ]);
  });

  it("I/O suspended for quorum is said in the detail", () => {
    const res = resource("r0", { quorum: false, suspended: true, suspendedReasons: ["quorum"] });
    expect(drbdQuorumLost(makeSnapshot({ nodes: [drbdNode("pve1", [res])] }))[0]!.detail).toContain(
      "I/O suspended",
    );
  });

  it.each([
    [
      "quorum true everywhere",
      meshNodes(
        mesh("r0", {
          pve1: { role: "Primary", quorum: true },
          pve2: { quorum: true },
          pve3: { quorum: true },
        }),
      ),
    ],
    [
      "quorum not reported (DRBD 8, or quorum off)",
      meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {} })),
    ],
    [
      "the node without quorum is stale",
      [drbdNode("pve1", [resource("r0", { quorum: false })], { stale: true })],
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdQuorumLost(makeSnapshot({ nodes }))).toEqual([]);
  });
});
