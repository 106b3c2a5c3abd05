import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/report";
import type { ApiView } from "@/lib/snapshot/types";
import { absent, apiView, failed, makeSnapshot, node, report } from "../test-helpers";
import { dataStale } from "./data-stale";

describe("data.stale", () => {
  it("an agent whose last report is older than three intervals → unknown with its age", () => {
    const agent = failed<AgentReport>({}, report("pve2"), 20_000);
    const findings = dataStale(makeSnapshot({ nodes: [node("pve1"), node("pve2", { agent })] }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "data.stale", severity: "unknown", subject: "node:pve2" }),
    ]);
    expect(findings[0]!.detail).toContain("20 s old");
  });

  it("an API whose last answer is stale → unknown for the cluster", () => {
    const findings = dataStale(makeSnapshot({ api: failed<ApiView>({}, apiView(), 60_000) }));
    expect(findings[0]).toMatchObject({ subject: "cluster", severity: "unknown" });
  });

  it("a garbled tool output in a fresh report → unknown naming the node and the source", () => {
    const r = report("pve1", {
      drbd: absent("parse-error", "drbdsetup-json at line 3: unexpected token"),
    });
    const findings = dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain("DRBD state");
    expect(findings[0]!.detail).toContain("line 3");
  });

  it("a tool that needs root → remedy about privileges", () => {
    const r = report("pve1", {
      corosync: absent("permission-denied", "Cannot initialize QUORUM service"),
    });
    expect(dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }))[0]!.remedy).toContain(
      "root",
    );
  });

  it("tools that are simply not installed → no finding", () => {
    expect(dataStale(makeSnapshot())).toEqual([]);
  });
});
