import { describe, expect, it } from "vitest";
import type { ApiView, GuestSummary, HaEntry } from "@/lib/snapshot/types";
import { apiView, failed, makeSnapshot, storage } from "../test-helpers";
import { linstorControllerVmNotHa } from "./linstor-controller-vm-not-ha";

const DRBD = storage("drbdstorage", "drbd", {
  redundancy: "3",
  controller: "10.0.0.10",
  controllervm: "100",
});
const CONTROLLER_VM: GuestSummary = {
  id: "qemu/100",
  vmid: 100,
  name: "linstor-controller",
  kind: "qemu",
  node: "pve1",
  status: "running",
  haState: null,
};

function ha(sid: string, state = "started"): HaEntry {
  return {
    id: `service:${sid}`,
    type: "service",
    node: "pve1",
    status: `${state}`,
    state,
    sid,
    quorate: null,
  };
}

const QUORUM_ENTRY: HaEntry = {
  id: "quorum",
  type: "quorum",
  node: null,
  status: "OK",
  state: null,
  sid: null,
  quorate: true,
};

function evaluate(partial: Partial<ApiView>) {
  return linstorControllerVmNotHa(
    makeSnapshot({ api: apiView({ storages: [DRBD], guests: [CONTROLLER_VM], ...partial }) }),
  );
}

describe("linstor.controller-vm-not-ha", () => {
  it("controllervm 100 with no HA service for it → warning on the storage", () => {
    const findings = evaluate({ ha: [QUORUM_ENTRY, ha("vm:101")] });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "linstor.controller-vm-not-ha",
        severity: "warning",
        subject: "storage:drbdstorage",
        title: "LINSTOR controller VM 100 is not HA-managed",
      }),
    ]);
    expect(findings[0]!.detail).toContain(
      "Storage drbdstorage names controllervm 100 (linstor-controller on pve1)",
    );
    expect(findings[0]!.remedy).toContain("ha-manager add vm:100 --state started");
  });

  it("no HA resources at all (an empty list) → warning", () => {
    expect(evaluate({ ha: [] })).toMatchObject([{ subject: "storage:drbdstorage" }]);
  });

  it("an HA service for it in state ignored → warning (HA does not act on it)", () => {
    expect(evaluate({ ha: [ha("vm:100", "ignored")] })).toHaveLength(1);
  });

  it.each([
    ["an HA service vm:100", { ha: [QUORUM_ENTRY, ha("vm:100")] }],
    ["an HA service vm:100 that is stopped on purpose", { ha: [ha("vm:100", "stopped")] }],
    [
      "the guest's hastate from /cluster/resources",
      { ha: [], guests: [{ ...CONTROLLER_VM, haState: "started" }] },
    ],
    ["the HA endpoint failed (unknown)", { ha: null }],
    [
      "no storage names a controllervm",
      { ha: [], storages: [storage("drbdstorage", "drbd", { redundancy: "2" })] },
    ],
  ])("%s → no finding", (_name, partial: Partial<ApiView>) => {
    expect(evaluate(partial)).toEqual([]);
  });

  it("the API is stale → no finding", () => {
    const api = failed<ApiView>({}, apiView({ storages: [DRBD], ha: [] }), 60_000);
    expect(linstorControllerVmNotHa(makeSnapshot({ api }))).toEqual([]);
  });
});
