import { describe, expect, it } from "vitest";
import type { ApiView } from "@/lib/snapshot/types";
import { apiView, failed, makeSnapshot } from "../test-helpers";
import { cephHealth } from "./ceph-health";
import { capturedCeph, check } from "./ceph-test-helpers";

const withCeph = (ceph: ApiView["ceph"]) => makeSnapshot({ api: apiView({ ceph }) });

describe("ceph.health", () => {
  it("the real PVE 8 capture: HEALTH_WARN with OSD_NEARFULL and POOL_NEARFULL → warning naming both checks", () => {
    const [finding, ...rest] = cephHealth(withCeph(capturedCeph()));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "ceph.health",
      severity: "warning",
      subject: "cluster",
      title: "Ceph reports HEALTH_WARN: OSD_NEARFULL and POOL_NEARFULL",
    });
    expect(finding!.detail).toContain(
      "OSD_NEARFULL [HEALTH_WARN]: 3 nearfull osd(s) (osd.3 is near full; osd.8 is near full; osd.9 is near full).",
    );
    expect(finding!.remedy).toContain("ceph osd df tree");
  });

  it("HEALTH_ERR with OSD_FULL → critical, saying I/O may hang", () => {
    const ceph = {
      ...capturedCeph(),
      health: "HEALTH_ERR",
      checks: [check("OSD_FULL", "HEALTH_ERR", "1 full osd(s)", ["osd.3 is full"])],
    };
    const [finding] = cephHealth(withCeph(ceph));
    expect(finding).toMatchObject({
      severity: "critical",
      title: "Ceph reports HEALTH_ERR: OSD_FULL",
    });
    expect(finding!.detail).toContain("guests on Ceph storage may hang on I/O");
  });

  it("a muted check is listed as muted, not among the active ones", () => {
    const ceph = {
      ...capturedCeph(),
      checks: [
        check("MON_DOWN", "HEALTH_WARN", "1/3 mons down, quorum pve1,pve2"),
        check("OSD_NEARFULL", "HEALTH_WARN", "1 nearfull osd(s)", [], true),
      ],
    };
    const [finding] = cephHealth(withCeph(ceph));
    expect(finding!.title).toBe("Ceph reports HEALTH_WARN: MON_DOWN");
    expect(finding!.detail).toContain("Muted: OSD_NEARFULL.");
    expect(finding!.remedy).toContain("ceph-mon@");
  });

  it("more than five detail lines are cut with an ellipsis", () => {
    const detail = Array.from({ length: 8 }, (_, i) => `osd.${i} is down`);
    const ceph = {
      ...capturedCeph(),
      checks: [check("OSD_DOWN", "HEALTH_WARN", "8 osds down", detail)],
    };
    expect(cephHealth(withCeph(ceph))[0]!.detail).toContain("osd.4 is down; ...)");
  });

  it.each([
    ["HEALTH_OK", () => withCeph({ ...capturedCeph(), health: "HEALTH_OK", checks: [] })],
    ["no Ceph", () => withCeph(null)],
    [
      "stale API data",
      () => makeSnapshot({ api: failed<ApiView>({}, apiView({ ceph: capturedCeph() }), 60_000) }),
    ],
    [
      "a health word this version does not know",
      () => withCeph({ ...capturedCeph(), health: "HEALTH_UNKNOWN" }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(cephHealth(build())).toEqual([]);
  });
});
