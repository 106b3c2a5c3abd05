import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, describe, expect, it } from "vitest";

import { validateReport } from "@/lib/agents/schema";
import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { DEFAULT_THRESHOLDS } from "@/lib/health/thresholds";
import type { AgentMemory } from "@/lib/snapshot/build-snapshot";
import { emptyMemory } from "@/lib/snapshot/source-state";
import { whatIf } from "@/lib/whatif/what-if";

import { startLab, type Lab } from "./lab";
import { numberField } from "./quorum-text";
import { waitQuorum } from "./wait-quorum";

// Own prefix and subnet, so neither a lab started by hand nor the other lab tests are touched.
const prefix = "tbwhatif";
const subnet = "172.31.218";
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");

/** Every node's agent, run once in that node's namespaces, and the product's evaluation of their reports. */
async function evaluateLab(lab: Lab): Promise<EvaluatedCluster> {
  const nowMs = Date.now();
  const agents = new Map<string, AgentMemory>();
  for (const node of lab.nodes) {
    const result = await lab.exec(
      node.name,
      process.execPath,
      [bundle, "collect", "--node-name", node.name],
      { timeoutMs: 20_000 },
    );
    const checked = validateReport(JSON.parse(result.stdout) as unknown);
    if (!checked.ok) throw new Error(`${node.name}'s report: ${checked.message}`);
    agents.set(node.name, {
      data: checked.report,
      fetchedAtMs: nowMs,
      error: null,
      clockOffsetMs: 0,
    });
  }
  return evaluateCluster({
    clusterId: "lab",
    intervalMs: 5_000,
    thresholds: DEFAULT_THRESHOLDS,
    nowMs,
    api: emptyMemory(),
    agents,
    nodeStorage: new Map(),
    linstor: null,
    knownNodes: lab.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, ip: n.ip })),
  });
}

/**
 * Predicts what losing `node` does, cuts it off on every link (and from qnetd), then waits until
 * corosync on each survivor reports the predicted quorate flag, membership and votes, and checks
 * its quorum equals the prediction's.
 */
async function predictThenCut(
  lab: Lab,
  node: string,
  settled: { quorate: boolean; nodes: number },
) {
  const before = await evaluateLab(lab);
  expect(before.summary.quorate).toBe(true);
  const predicted = whatIf(before, [{ kind: "node", node }]);
  expect(predicted.quorate).toBe(settled.quorate);
  expect(predicted.votes).not.toBeNull();
  const votes = predicted.votes!;

  await lab.cutLink(node);
  for (const survivor of lab.nodes.filter((n) => n.name !== node)) {
    const text = await waitQuorum(
      lab,
      survivor.name,
      {
        quorate: predicted.quorate!,
        nodes: settled.nodes,
        totalVotes: votes.total,
        expectedVotes: votes.expected,
      },
      45_000,
    );
    expect(numberField(text, "Quorum")).toBe(votes.quorum);
  }
  return predicted;
}

describe("what-if on a real corosync cluster: the prediction is what corosync does after the cut", () => {
  let lab: Lab | undefined;

  afterEach(async () => {
    await lab?.teardown();
    lab = undefined;
  });

  it("two nodes without a QDevice: losing pve2 loses quorum (1 of 2 votes, quorum 2)", async () => {
    if (!existsSync(bundle))
      execFileSync(process.execPath, ["agent/build.mjs"], { cwd: projectDir });
    lab = await startLab({ nodes: 2, qdevice: false, prefix, subnet });
    const predicted = await predictThenCut(lab, "pve2", { quorate: false, nodes: 1 });
    expect(predicted.votes).toEqual({ total: 1, expected: 2, quorum: 2 });
    expect(predicted.newFindings).toContain("quorum.lost");
  });

  it("two nodes with a QDevice: losing pve2 keeps quorum with qnetd's vote (2 of 3, quorum 2)", async () => {
    lab = await startLab({ nodes: 2, qdevice: true, prefix, subnet });
    const predicted = await predictThenCut(lab, "pve2", { quorate: true, nodes: 1 });
    expect(predicted.votes).toEqual({ total: 2, expected: 3, quorum: 2 });
  });

  it("three nodes: losing pve3 keeps quorum (2 of 3, quorum 2)", async () => {
    lab = await startLab({ nodes: 3, qdevice: false, prefix, subnet });
    const predicted = await predictThenCut(lab, "pve3", { quorate: true, nodes: 2 });
    expect(predicted.votes).toEqual({ total: 2, expected: 3, quorum: 2 });
    expect(predicted.breaks).toEqual([]);
  });
});
