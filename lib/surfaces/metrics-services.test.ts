import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { toMetrics } from "./metrics";
import { evaluated } from "./test-helpers";

function samples(families: ReturnType<typeof toMetrics>, name: string) {
  return families.find((f) => f.name === name)?.samples ?? [];
}

describe("metrics of links, HA, Ceph and LINSTOR", () => {
  it("gives each node × peer × link its knet state and latency in seconds", async () => {
    const families = toMetrics(await evaluated("corosync-link-down-one-node"));
    const connected = samples(families, "tiebreaker_corosync_link_connected");
    expect(connected.length).toBeGreaterThan(0);
    expect(connected.some((s) => s.value === 0)).toBe(true);
    for (const s of connected)
      expect(Object.keys(s.labels).sort()).toEqual(["cluster", "link", "node", "peer"]);
    const latency = samples(families, "tiebreaker_corosync_link_latency_seconds");
    expect(latency.length).toBeGreaterThan(0);
    expect(latency.every((s) => s.value >= 0 && s.value < 1)).toBe(true);
  });

  it("gives each LRM's state as a label and the HA guests per node", async () => {
    const families = toMetrics(await evaluated("ha-maintenance-draining"));
    const lrm = samples(families, "tiebreaker_ha_lrm_state");
    expect(lrm.map((s) => s.labels.state)).toContain("maintenance mode");
    expect(
      samples(families, "tiebreaker_ha_guests").reduce((n, s) => n + s.value, 0),
    ).toBeGreaterThan(0);
  });

  it("gives Ceph's health one-hot", async () => {
    const families = toMetrics(await evaluated("ceph-health-warn-nearfull"));
    const health = samples(families, "tiebreaker_ceph_health");
    expect(health.filter((s) => s.value === 1).map((s) => s.labels.state)).toEqual(["HEALTH_WARN"]);
    expect(health).toHaveLength(3);
  });

  it("gives LINSTOR satellites online and the controller as a source", async () => {
    const families = toMetrics(await evaluated("linstor-satellite-offline"));
    expect(
      samples(families, "tiebreaker_linstor_satellite_online").map((s) => [s.labels.node, s.value]),
    ).toEqual([
      ["pve1", 1],
      ["pve2", 1],
      ["pve3", 0],
    ]);
    expect(samples(families, "tiebreaker_source_fresh")).toContainEqual({
      labels: { cluster: "linstor-satellite-offline", source: "linstor" },
      value: 1,
    });
  });

  it.each([
    ["corosync-link-down-one-node", "tiebreaker_corosync_link_connected"],
    ["ha-maintenance-draining", "tiebreaker_ha_lrm_state"],
    ["ceph-health-warn-nearfull", "tiebreaker_ceph_health"],
    ["linstor-satellite-offline", "tiebreaker_linstor_satellite_online"],
  ])("%s: %s is left out once its source is stale", async (scenario, name) => {
    const fresh = toMetrics(await evaluated(scenario));
    expect(samples(fresh, name).length).toBeGreaterThan(0);
    const stale = toMetrics(
      await evaluated(scenario, (s) => ({ ...s, nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1 })),
    );
    expect(samples(stale, name)).toEqual([]);
  });

  it("a controller that does not answer claims no satellite", async () => {
    const families = toMetrics(await evaluated("linstor-controller-unreachable"));
    expect(samples(families, "tiebreaker_linstor_satellite_online")).toEqual([]);
    expect(samples(families, "tiebreaker_source_last_error_info")).toContainEqual({
      labels: { cluster: "linstor-controller-unreachable", source: "linstor", kind: "timeout" },
      value: 1,
    });
  });
});
