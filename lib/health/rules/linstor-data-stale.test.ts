import { describe, expect, it } from "vitest";
import type { LinstorView, SourceState } from "@/lib/snapshot/types";
import { failed, fresh, linstorView, makeSnapshot } from "../test-helpers";
import { linstorDataStale } from "./linstor-data-stale";

const WAITING: SourceState<LinstorView> = {
  data: null,
  fetchedAt: null,
  ageMs: null,
  fresh: false,
  error: null,
};

describe("data.stale for LINSTOR", () => {
  it("the controller has neither answered nor failed yet → unknown, waiting", () => {
    expect(linstorDataStale(makeSnapshot({ linstor: WAITING }))).toEqual([
      expect.objectContaining({
        rule: "data.stale",
        severity: "unknown",
        subject: "linstor:controller",
        title: "Waiting for the first answer from the LINSTOR controller",
      }),
    ]);
  });

  it("an old answer without a recorded failure → unknown with its age", () => {
    const linstor = { ...fresh(linstorView(), 60_000), fresh: false };
    const [finding] = linstorDataStale(makeSnapshot({ linstor }));
    expect(finding).toMatchObject({ subject: "linstor:10.0.0.10", severity: "unknown" });
    expect(finding!.detail).toContain("60 s old");
  });

  it.each([
    ["a fresh answer", makeSnapshot({ linstor: linstorView() })],
    ["no LINSTOR at all", makeSnapshot({ linstor: null })],
    [
      "a failed poll (linstor.controller-unreachable reports it)",
      makeSnapshot({ linstor: failed<LinstorView>({ kind: "timeout" }) }),
    ],
  ])("%s → no finding", (_name, snapshot) => {
    expect(linstorDataStale(snapshot)).toEqual([]);
  });
});
