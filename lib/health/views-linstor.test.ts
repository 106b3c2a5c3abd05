import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { evaluated } from "@/lib/surfaces/test-helpers";

async function splitBrainDetail(scenario: string) {
  const view = await evaluated(scenario);
  return view.findings.find((f) => f.rule === "drbd.split-brain")?.detail ?? "";
}

describe("split brain cross-checked with LINSTOR", () => {
  it("the nodes' DRBD shows StandAlone while the controller reports UpToDate → the detail says so", async () => {
    expect(await splitBrainDetail("linstor-split-brain-reported-uptodate")).toContain(
      "The LINSTOR controller 10.10.10.4 still reports vm-104-disk-1 as UpToDate on pve1 and pve2",
    );
  });

  it("without a LINSTOR controller the finding says nothing of LINSTOR", async () => {
    expect(await splitBrainDetail("drbd9-split-brain")).not.toContain("LINSTOR");
  });

  it("a stale controller answer is not taken as LINSTOR's word", async () => {
    // Only the controller's memory is old: the agents' and the API's are re-read at the same clock.
    const view = await evaluated("linstor-split-brain-reported-uptodate", (s) => ({
      ...s,
      linstor: s.linstor && {
        ...s.linstor,
        fetchedAtMs: s.nowMs - 3 * SCENARIO_INTERVAL_MS - 1,
      },
    }));
    const finding = view.findings.find((f) => f.rule === "drbd.split-brain");
    expect(finding?.detail).not.toContain("LINSTOR controller");
    expect(view.findings.map((f) => f.rule)).toContain("data.stale");
  });
});
