import { afterEach, describe, expect, it } from "vitest";

import { whatIf } from "@/lib/whatif/what-if";

import { ensureAgentBundle, evaluateLab } from "./evaluate-lab";
import { startLab, type Lab } from "./lab";
import { numberField } from "./quorum-text";
import { waitQuorum } from "./wait-quorum";

// Own prefix and subnet, so neither a lab started by hand nor the other lab tests are touched.
const prefix = "tbwhatif";
const subnet = "172.31.218";

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
    ensureAgentBundle();
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
