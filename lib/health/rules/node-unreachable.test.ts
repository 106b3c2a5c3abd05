import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { failed, makeSnapshot, node, report } from "../test-helpers";
import { nodeUnreachable } from "./node-unreachable";

describe("node.unreachable", () => {
  it("an agent that times out → unknown for that node", () => {
    const snapshot = makeSnapshot({ nodes: [node("pve1"), node("pve2", { report: null })] });
    const findings = nodeUnreachable(snapshot);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "node.unreachable",
        severity: "unknown",
        subject: "node:pve2",
      }),
    ]);
    expect(findings[0]!.detail).toContain("did not answer in time");
  });

  it("an agent that refuses the token → remedy about the token", () => {
    const agent = failed<AgentReport>({ kind: "auth", message: "401" });
    const findings = nodeUnreachable(makeSnapshot({ nodes: [node("pve1", { agent })] }));
    expect(findings[0]!.detail).toContain("refused the dashboard's token");
    expect(findings[0]!.remedy).toContain("agent.token");
  });

  it("an agent that returns garbage, with an older report still fresh → unknown, says the report is still shown", () => {
    const agent = {
      ...failed<AgentReport>({ kind: "garbage", message: "not JSON" }, report("pve1"), 6_000),
      fresh: true,
    };
    const findings = nodeUnreachable(makeSnapshot({ nodes: [node("pve1", { agent })] }));
    expect(findings[0]!.detail).toContain("6 s old and still shown");
  });

  it("every agent answering → no finding", () => {
    expect(nodeUnreachable(makeSnapshot())).toEqual([]);
  });
});
