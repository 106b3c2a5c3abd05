import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { corosyncConf, failed, makeSnapshot, node, ok, quorum, report } from "../test-helpers";
import { quorumExpectedVotesLowered } from "./quorum-expected-votes-lowered";
import { cluster, lab, twoNodes, twoNodesQdevice } from "./quorum-test-helpers";

/** What the survivor of a cut two-node cluster shows after `pvecm expected 1` (`corosync-quorumtool -e 1`). */
const survivorAfterExpected1 = quorum({
  ringId: "1.d",
  expectedVotes: 1,
  highestExpected: 1,
  totalVotes: 1,
  quorum: 1,
  members: [{ nodeId: 1, name: "pve1", local: true }],
});

/** With a QDevice configured, `-e 1` only gets expected votes down to 2. */
const qdeviceAfterExpected1 = quorum({
  ringId: "1.d",
  expectedVotes: 2,
  highestExpected: 2,
  totalVotes: 1,
  quorum: 2,
  quorate: false,
  activityBlocked: true,
  flags: ["Qdevice"],
  members: [{ nodeId: 1, name: "pve1", local: true, qdevice: ["A", "NV", "NMW"] }],
  qdeviceName: "Qdevice",
  qdeviceVotes: 0,
  qdeviceConfiguredVotes: 1,
});

describe("quorum.expected-votes-lowered", () => {
  it("survivor of a two-node cluster after `pvecm expected 1` (Expected 1 of 2) → warning", () => {
    const [finding, ...rest] = quorumExpectedVotesLowered(
      cluster(survivorAfterExpected1, twoNodes),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.expected-votes-lowered",
      severity: "warning",
      subject: "cluster",
      title: "Expected votes are lowered on pve1 (1 instead of 2)",
    });
    expect(finding!.detail).toContain(
      "pve1 runs with Expected votes 1, Total votes 1, Quorum 1, while corosync.conf adds up to 2 (2 nodes × 1 vote)",
    );
    expect(finding!.remedy).toContain("pvecm expected 2");
  });

  it("with a QDevice, `-e 1` only lowers to 2 of the configured 3 → warning", () => {
    const [finding] = quorumExpectedVotesLowered(cluster(qdeviceAfterExpected1, twoNodesQdevice));
    expect(finding!.title).toBe("Expected votes are lowered on pve1 (2 instead of 3)");
    expect(finding!.detail).toContain(
      "corosync.conf adds up to 3 (2 nodes × 1 vote + QDevice 1 vote)",
    );
  });

  it("corosync.conf itself sets quorum.expected_votes below the nodelist → warning that names it", () => {
    const [finding] = quorumExpectedVotesLowered(
      cluster(survivorAfterExpected1, corosyncConf(["pve1", "pve2"], { expectedVotes: 1 })),
    );
    expect(finding!.detail).toContain("quorum.expected_votes: 1");
    expect(finding!.remedy).toContain("Remove quorum.expected_votes");
  });

  it.each([
    [
      "the lab's two-node cluster healed after `-e 1` (Expected back to 2)",
      lab("quorumtool-s-2node-noqdevice-healed-after-expected-1.txt"),
      twoNodes,
    ],
    ["a healthy two-node cluster", lab("quorumtool-s-2node-noqdevice-healthy.txt"), twoNodes],
    [
      "qnetd down: Expected 3 of 3 although only 2 votes are present",
      lab("quorumtool-s-2node-qdevice-qnetd-down.txt"),
      twoNodesQdevice,
    ],
    [
      "a three-node cluster with one node cut (Expected 3 of 3)",
      lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"),
      corosyncConf(["pve1", "pve2", "pve3"]),
    ],
    [
      "last_man_standing lowers expected votes by design",
      { ...survivorAfterExpected1, flags: ["Quorate", "LastManStanding"] },
      twoNodes,
    ],
    ["no corosync.conf to compare with", survivorAfterExpected1, null],
  ])("%s → no finding", (_name, q, conf) => {
    expect(quorumExpectedVotesLowered(cluster(q, conf))).toEqual([]);
  });

  it("the lowered view is in a stale report → no finding", () => {
    const last = report("pve1", {
      corosync: ok(survivorAfterExpected1),
      corosyncConf: ok(twoNodes),
    });
    expect(
      quorumExpectedVotesLowered(
        makeSnapshot({ nodes: [node("pve1", { agent: failed<AgentReport>({}, last, 60_000) })] }),
      ),
    ).toEqual([]);
  });
});
