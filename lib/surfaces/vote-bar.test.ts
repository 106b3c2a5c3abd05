import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { toOverviewModel } from "./overview";
import { evaluated } from "./test-helpers";
import { voteBarSchema } from "./vote-bar";
import { quorumLinePercent, voterWord } from "./vote-bar-layout";
import { toWallModel } from "./wall";

async function bar(name: string, ...tweak: Parameters<typeof evaluated>[1][]) {
  const model = toOverviewModel(await evaluated(name, tweak[0]), null);
  return voteBarSchema.parse(model.voteBar);
}

describe("vote bar", () => {
  it("draws every node of a healthy cluster as a voting segment, the line at quorum 2 of 3", async () => {
    const healthy = await bar("healthy-3-node");
    expect(healthy.voters.map((v) => [v.name, v.voting])).toEqual([
      ["pve1", true],
      ["pve2", true],
      ["pve3", true],
    ]);
    expect(healthy.sentence).toBe("3 of 3 votes, quorum 2, can lose 1");
    expect(quorumLinePercent(healthy)).toBeCloseTo(66.67, 1);
  });

  it("adds the QDevice as a voter and puts the silent node last", async () => {
    const down = await bar("two-node-qdevice-node-down");
    expect(down.voters.map((v) => [v.name, v.kind, v.voting])).toEqual([
      ["pve1", "node", true],
      ["QDevice", "qdevice", true],
      ["pve2", "node", false],
    ]);
    expect(down.canLose).toBe(0);
    expect(voterWord(down.voters[2]!)).toBe("not voting (1 vote)");
  });

  it("shows a QDevice whose qnetd is down as configured but not voting", async () => {
    const qnetdDown = await bar("two-node-qdevice-qnetd-down");
    const device = qnetdDown.voters.find((v) => v.kind === "qdevice");
    expect(device).toMatchObject({ voting: false });
    expect(qnetdDown.voters.filter((v) => v.kind === "node").every((v) => v.voting)).toBe(true);
  });

  it("has no QDevice segment when none is configured", async () => {
    const two = await bar("two-node-no-qdevice");
    expect(two.voters.map((v) => v.kind)).toEqual(["node", "node"]);
  });

  it("never draws a stale vote as voting: after three missed intervals every voter is unknown", async () => {
    const stale = await bar("healthy-3-node", (s) => ({
      ...s,
      nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
    }));
    expect(stale.voters.map((v) => v.voting)).toEqual([null, null, null]);
    expect(stale.voters.every((v) => voterWord(v).startsWith("unknown"))).toBe(true);
  });

  it("is the same picture on the wall as on the overview", async () => {
    const view = await evaluated("two-node-qdevice-node-down");
    const wall = toWallModel(view, null).votes;
    const overview = toOverviewModel(view, null).voteBar;
    expect(wall.voters).toEqual(overview.voters);
    expect(wall.sentence).toBe(overview.sentence);
  });
});
