import { describe, expect, it } from "vitest";
import type { LinstorNode, LinstorView } from "@/lib/snapshot/types";
import { failed, linstorView, makeSnapshot } from "../test-helpers";
import { linstorNodeOffline } from "./linstor-node-offline";

function view(nodes: [string, string | null][]): LinstorView {
  return linstorView({
    nodes: nodes.map(([name, connectionStatus]): LinstorNode => ({
      name,
      type: "SATELLITE",
      connectionStatus,
    })),
  });
}

describe("linstor.node-offline", () => {
  it("pve3 OFFLINE while pve1 and pve2 are ONLINE → warning for pve3", () => {
    const findings = linstorNodeOffline(
      makeSnapshot({
        linstor: view([
          ["pve1", "ONLINE"],
          ["pve2", "ONLINE"],
          ["pve3", "OFFLINE"],
        ]),
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "linstor.node-offline",
        severity: "warning",
        subject: "linstor:pve3",
        title: "LINSTOR satellite pve3 is OFFLINE",
        detail:
          "The LINSTOR controller 10.0.0.10 reports satellite node pve3 as OFFLINE: LINSTOR cannot create, resize or delete resources there until it is back.",
      }),
    ]);
    expect(findings[0]!.remedy).toContain("systemctl status linstor-satellite");
  });

  it("several satellites down → one finding each, sorted by name", () => {
    const findings = linstorNodeOffline(
      makeSnapshot({
        linstor: view([
          ["pve3", "OFFLINE(VERSION MISMATCH)"],
          ["pve1", "CONNECTED"],
          ["pve2", "OFFLINE"],
        ]),
      }),
    );
    expect(findings.map((f) => f.subject)).toEqual(["linstor:pve2", "linstor:pve3"]);
    expect(findings[1]!.title).toBe("LINSTOR satellite pve3 is OFFLINE(VERSION MISMATCH)");
  });

  it.each([
    [
      "all satellites ONLINE",
      makeSnapshot({
        linstor: view([
          ["pve1", "ONLINE"],
          ["pve2", "Online"],
        ]),
      }),
    ],
    ["a satellite whose status is not printed", makeSnapshot({ linstor: view([["pve1", null]]) })],
    [
      "the controller does not answer (controller-unreachable reports it)",
      makeSnapshot({ linstor: failed<LinstorView>({}, view([["pve3", "OFFLINE"]]), 60_000) }),
    ],
    ["no LINSTOR at all", makeSnapshot({ linstor: null })],
  ])("%s → no finding", (_name, snapshot) => {
    expect(linstorNodeOffline(snapshot)).toEqual([]);
  });
});
