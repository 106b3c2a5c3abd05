import { describe, expect, it } from "vitest";
import {
  qnetdVote,
  readAlgorithm,
  readTieBreaker,
  votequorum,
  type VoteNode,
  type VotequorumState,
} from "./votequorum";

const node = (nodeId: number, votes = 1): VoteNode => ({ name: `pve${nodeId}`, nodeId, votes });

const state = (over: Partial<VotequorumState>): VotequorumState => ({
  expectedVotes: 3,
  quorum: 2,
  quorate: true,
  membersBefore: 3,
  twoNode: false,
  waitForAll: false,
  tieBreakerNodeId: null,
  masterWins: false,
  ...over,
});

describe("votequorum arithmetic", () => {
  it.each([
    // name, state, members left, QDevice votes → total, quorum, quorate
    ["3 nodes, one left: 2 of 3, quorum 2 holds", state({}), [node(1), node(2)], 0, 2, 2, true],
    ["3 nodes, two left: 1 of 3 is below quorum 2", state({}), [node(1)], 0, 1, 2, false],
    [
      "2 nodes without two_node: the survivor has 1 of 2, quorum 2",
      state({ expectedVotes: 2, membersBefore: 2 }),
      [node(1)],
      0,
      1,
      2,
      false,
    ],
    [
      "2 nodes with two_node: quorum is 1 while at most two voters remain",
      state({ expectedVotes: 2, quorum: 1, membersBefore: 2, twoNode: true, waitForAll: true }),
      [node(2)],
      0,
      1,
      1,
      true,
    ],
    [
      "2 nodes + QDevice (1 vote): survivor with the vote has 2 of 3, quorum 2",
      state({ membersBefore: 2 }),
      [node(2)],
      1,
      2,
      2,
      true,
    ],
    [
      "3 nodes + QDevice (2 votes, lms): a lone survivor with the vote has 3 of 5, quorum 3",
      state({ expectedVotes: 5, quorum: 3 }),
      [node(3)],
      2,
      3,
      3,
      true,
    ],
    [
      "expected votes lowered to 1 (-e 1): quorum 1 never rises on its own",
      state({ expectedVotes: 1, quorum: 1, membersBefore: 1 }),
      [node(1)],
      0,
      1,
      1,
      true,
    ],
    [
      "quorum never decreases: a node weighing 2 keeps quorum 3 of expected 4",
      state({ expectedVotes: 4, quorum: 3, membersBefore: 3 }),
      [node(1, 2)],
      0,
      2,
      3,
      false,
    ],
  ])("%s", (_name, s, members, qdevice, total, quorum, quorate) => {
    const out = votequorum(s, members, qdevice);
    expect(out).toMatchObject({ totalVotes: total, quorum, quorate });
  });

  it("auto_tie_breaker: a 2:2 split keeps quorum on the side with the tie-breaker node only", () => {
    const s = state({ expectedVotes: 4, quorum: 3, membersBefore: 4, tieBreakerNodeId: 1 });
    expect(votequorum(s, [node(1), node(2)], 0)).toMatchObject({
      totalVotes: 2,
      quorate: true,
      because: "auto-tie-breaker",
    });
    expect(votequorum(s, [node(3), node(4)], 0).quorate).toBe(false);
    // Three of four gone: the other side might be quorate no longer matters, 4 - 1 = 3 is not < 3.
    expect(votequorum(s, [node(1)], 0).quorate).toBe(false);
  });

  it("wait_for_all holds back a partition that is not quorate yet until every vote is there", () => {
    const s = state({
      expectedVotes: 2,
      quorum: 1,
      quorate: false,
      twoNode: true,
      waitForAll: true,
    });
    expect(votequorum(s, [node(1)], 0)).toMatchObject({ quorate: false, because: "wait-for-all" });
  });

  it("master_wins: the partition the QDevice votes for is quorate whatever its count", () => {
    const s = state({ expectedVotes: 5, quorum: 3, membersBefore: 4, masterWins: true });
    expect(votequorum(s, [node(1)], 1)).toMatchObject({ totalVotes: 2, quorate: true });
  });
});

describe("qnetd's vote", () => {
  const all = (...ids: number[]) => ({ memberIds: ids, connectedIds: ids });

  it("ffsplit gives the vote to the partition with more than half of the configured nodes", () => {
    expect(qnetdVote("ffsplit", "lowest", [1, 2, 3, 4], [all(1), all(2, 3, 4)])).toBe(1);
  });

  it("ffsplit on a 50:50 split: more nodes connected to qnetd, else the tie-breaker node's side", () => {
    const connectedBoth = [all(1, 2), all(3, 4)];
    expect(qnetdVote("ffsplit", "lowest", [1, 2, 3, 4], connectedBoth)).toBe(0);
    expect(qnetdVote("ffsplit", "highest", [1, 2, 3, 4], connectedBoth)).toBe(1);
    const oneSideHalfConnected = [{ memberIds: [1, 2], connectedIds: [1] }, all(3, 4)];
    expect(qnetdVote("ffsplit", "lowest", [1, 2, 3, 4], oneSideHalfConnected)).toBe(1);
  });

  it("ffsplit: a lone survivor of two nodes is exactly half and gets the vote", () => {
    expect(qnetdVote("ffsplit", "lowest", [1, 2], [all(2)])).toBe(0);
  });

  it("ffsplit gives no vote to a partition with fewer than half of the nodes", () => {
    expect(qnetdVote("ffsplit", "lowest", [1, 2, 3, 4], [all(4)])).toBeNull();
  });

  it("lms gives the vote to the only partition connected to qnetd, whatever its size", () => {
    expect(qnetdVote("lms", "lowest", [1, 2, 3], [all(3)])).toBe(0);
    expect(qnetdVote("lms", "lowest", [1, 2, 3], [all(1, 2), all(3)])).toBe(0);
    expect(qnetdVote("lms", "lowest", [1, 2, 3, 4], [all(3, 4), all(1, 2)])).toBe(1);
  });

  it("nobody connected to qnetd: no vote", () => {
    expect(
      qnetdVote("lms", "lowest", [1, 2], [{ memberIds: [1, 2], connectedIds: [] }]),
    ).toBeNull();
  });

  it("reads the algorithm and tie-breaker as corosync.conf and corosync-qdevice-tool write them", () => {
    expect(readAlgorithm("ffsplit")).toBe("ffsplit");
    expect(readAlgorithm("Fifty-Fifty split")).toBe("ffsplit");
    expect(readAlgorithm("lms")).toBe("lms");
    expect(readAlgorithm("test")).toBeNull();
    expect(readTieBreaker("Node with lowest node ID")).toBe("lowest");
    expect(readTieBreaker("highest")).toBe("highest");
    expect(readTieBreaker("3")).toBe(3);
    expect(readTieBreaker(null)).toBe("lowest");
  });
});
