import { describe, expect, it } from "vitest";
import type { LinstorView } from "@/lib/snapshot/types";
import { apiView, failed, fresh, linstorView, makeSnapshot, storage } from "../test-helpers";
import { linstorControllerUnreachable } from "./linstor-controller-unreachable";

const VIEW: LinstorView = linstorView({
  nodes: [{ name: "pve1", type: "SATELLITE", connectionStatus: "ONLINE" }],
});
const STORAGES = [storage("drbdstorage", "drbd", { redundancy: "2", controller: "10.0.0.10" })];

describe("linstor.controller-unreachable", () => {
  it("the controller refuses connections, never answered → critical, named from storage.cfg", () => {
    const linstor = failed<LinstorView>({
      kind: "network",
      message: "connect ECONNREFUSED 10.0.0.10:3370",
    });
    const findings = linstorControllerUnreachable(
      makeSnapshot({ linstor, api: apiView({ storages: STORAGES }) }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "linstor.controller-unreachable",
        severity: "critical",
        subject: "linstor:10.0.0.10",
        title: "The LINSTOR controller 10.0.0.10 does not answer",
      }),
    ]);
    expect(findings[0]!.detail).toContain("ECONNREFUSED");
    expect(findings[0]!.detail).toContain("has not answered since the dashboard started");
    expect(findings[0]!.remedy).toContain("systemctl status linstor-controller");
  });

  it("the controller answered before and now times out → critical with the age of its last answer", () => {
    const linstor = failed<LinstorView>(
      { kind: "timeout", message: "no answer within 3000 ms" },
      VIEW,
      95_000,
    );
    const findings = linstorControllerUnreachable(makeSnapshot({ linstor }));
    expect(findings).toMatchObject([{ subject: "linstor:10.0.0.10" }]);
    expect(findings[0]!.detail).toContain("Its last answer is 2 min old.");
  });

  it("storage.cfg names a controller VM → the remedy starts there", () => {
    const linstor = failed<LinstorView>({ kind: "timeout" });
    const storages = [
      storage("drbdstorage", "drbd", {
        redundancy: "2",
        controller: "10.0.0.10",
        controllervm: "100",
      }),
    ];
    expect(
      linstorControllerUnreachable(makeSnapshot({ linstor, api: apiView({ storages }) }))[0]!
        .remedy,
    ).toContain("qm status 100");
  });

  it.each([
    ["no LINSTOR storage (no controller to ask)", makeSnapshot({ linstor: null })],
    ["the controller answers", makeSnapshot({ linstor: fresh(VIEW) })],
    [
      "a failed poll while the last answer is still fresh",
      makeSnapshot({
        linstor: { ...failed<LinstorView>({ kind: "timeout" }, VIEW, 4_000), fresh: true },
      }),
    ],
    [
      "stale without a recorded failure (data.stale reports it)",
      makeSnapshot({ linstor: { ...fresh(VIEW, 60_000), fresh: false } }),
    ],
    [
      "no controller address configured",
      makeSnapshot({
        linstor: failed<LinstorView>({ kind: "not-configured", message: "no controller" }),
      }),
    ],
  ])("%s → no finding", (_name, snapshot) => {
    expect(linstorControllerUnreachable(snapshot)).toEqual([]);
  });
});
