import { describe, expect, it } from "vitest";
import type { ApiView } from "@/lib/snapshot/types";
import { failed, makeSnapshot } from "../test-helpers";
import { haMaintenance } from "./ha-maintenance";
import { haApi, lrmEntry, service } from "./ha-test-helpers";

const maintenance = { pve1: "online", pve2: "online", pve3: "maintenance" };

describe("ha.maintenance", () => {
  it("pve3 in maintenance with vm:102 still migrating off → info: one HA guest still on it", () => {
    const snapshot = makeSnapshot({
      api: haApi({
        nodeStatus: maintenance,
        lrm: { pve3: { mode: "maintenance", state: "maintenance" } },
        current: [lrmEntry("pve3", "maintenance mode")],
        services: [service("vm:100", "pve1"), service("vm:102", "pve3", "migrate", "pve1")],
      }),
    });
    const findings = haMaintenance(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "ha.maintenance",
      severity: "info",
      subject: "node:pve3",
      title: "pve3 is in HA maintenance mode, 1 HA guest still on it",
    });
    expect(findings[0]!.detail).toContain(
      '(the HA manager lists it as "maintenance", its LRM reports "maintenance mode")',
    );
    expect(findings[0]!.detail).toContain("vm:102 (migrate to pve1)");
  });

  it("pve3 in maintenance with every HA guest gone → info: all have left, safe to reboot", () => {
    const snapshot = makeSnapshot({
      api: haApi({ nodeStatus: maintenance, services: [service("vm:102", "pve1")] }),
    });
    const [finding] = haMaintenance(snapshot);
    expect(finding).toMatchObject({
      subject: "node:pve3",
      title: "pve3 is in HA maintenance mode and its HA guests have all left",
    });
    expect(finding!.remedy).toContain("node-maintenance disable pve3");
  });

  it("only the LRM says so (the CRM has not processed the request yet) → info as well", () => {
    const snapshot = makeSnapshot({
      api: haApi({
        lrm: { pve2: { mode: "maintenance", state: "active" } },
        services: [service("vm:101", "pve2")],
      }),
    });
    expect(haMaintenance(snapshot).map((f) => [f.subject, f.title])).toEqual([
      ["node:pve2", "pve2 is in HA maintenance mode, 1 HA guest still on it"],
    ]);
  });

  it("only /cluster/ha/status/current answers: its LRM line says maintenance mode → info", () => {
    const snapshot = makeSnapshot({
      api: { ...haApi({ current: [lrmEntry("pve3", "maintenance mode")] }), haManager: null },
    });
    expect(haMaintenance(snapshot).map((f) => f.subject)).toEqual(["node:pve3"]);
  });

  it.each([
    [
      "no node in maintenance",
      () => makeSnapshot({ api: haApi({ services: [service("vm:100", "pve1")] }) }),
    ],
    ["an idle LRM", () => makeSnapshot({ api: haApi({ current: [lrmEntry("pve2", "idle")] }) })],
    [
      "stale API data",
      () => makeSnapshot({ api: failed<ApiView>({}, haApi({ nodeStatus: maintenance }), 60_000) }),
    ],
    ["no HA at all", () => makeSnapshot()],
  ])("%s → no finding", (_name, build) => {
    expect(haMaintenance(build())).toEqual([]);
  });
});
