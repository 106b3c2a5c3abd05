import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { pendingMetrics, toMetrics } from "@/lib/surfaces/metrics";
import { evaluated } from "@/lib/surfaces/test-helpers";
import { prometheusText } from "./prometheus";

async function scrape(...names: string[]) {
  const views = await Promise.all(names.map((name) => evaluated(name)));
  const { text, contentType } = await prometheusText(views.map((v) => toMetrics(v)));
  return { families: parsePrometheusTextFormat(text), contentType };
}

function values(families: ReturnType<typeof parsePrometheusTextFormat>, name: string) {
  return (families.find((f) => f.name === name)?.metrics ?? []).map((m) => ({
    labels: m.labels ?? {},
    value: Number(m.value),
  }));
}

describe("Prometheus exposition", () => {
  it("parses as the text format, every family a tiebreaker_ gauge with help", async () => {
    const { families, contentType } = await scrape("healthy-3-node");
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(families.length).toBeGreaterThan(10);
    for (const f of families) {
      expect(f.name).toMatch(/^tiebreaker_[a-z0-9_]+$/);
      expect(f.type).toBe("GAUGE");
      expect(f.help.length).toBeGreaterThan(10);
    }
    expect(values(families, "tiebreaker_cluster_quorate")).toEqual([
      { labels: { cluster: "healthy-3-node" }, value: 1 },
    ]);
  });

  it("reports the vote margin, the QDevice per node and node online", async () => {
    const { families } = await scrape("two-node-qdevice-node-down");
    expect(values(families, "tiebreaker_cluster_votes_margin")[0]?.value).toBe(0);
    expect(values(families, "tiebreaker_qdevice_connected")).toContainEqual({
      labels: { cluster: "two-node-qdevice-node-down", node: "pve1" },
      value: 1,
    });
    expect(values(families, "tiebreaker_node_online").map((s) => s.value)).toEqual([1, 0]);
  });

  it("gives DRBD states as labels, with sync progress", async () => {
    const { families } = await scrape("drbd9-resync");
    const roles = values(families, "tiebreaker_drbd_role").map((s) => s.labels.role);
    expect(roles).toContain("Primary");
    const sync = values(families, "tiebreaker_drbd_sync_percent");
    expect(sync.map((s) => s.value)).toContain(42.17);
    const states = values(families, "tiebreaker_drbd_connection_state").map((s) => s.labels.state);
    expect(states.every((s) => typeof s === "string" && s.length > 0)).toBe(true);
  });

  it("shows a read-only OCFS2 mount and the findings by rule", async () => {
    const { families } = await scrape("ocfs2-read-only");
    expect(values(families, "tiebreaker_ocfs2_read_only").map((s) => s.value)).toContain(1);
    const active = values(families, "tiebreaker_finding_active").map((s) => s.labels.rule);
    expect(active).toContain("ocfs2.read-only");
  });

  it("merges several clusters into one family each, and marks an unpolled cluster UNKNOWN", async () => {
    const views = await Promise.all(["healthy-3-node", "api-unreachable"].map((n) => evaluated(n)));
    const { text } = await prometheusText([
      ...views.map((v) => toMetrics(v)),
      pendingMetrics("not-yet"),
    ]);
    const families = parsePrometheusTextFormat(text);
    const state = values(families, "tiebreaker_cluster_state").filter((s) => s.value === 1);
    expect(state.map((s) => [s.labels.cluster, s.labels.state])).toEqual([
      ["healthy-3-node", "OK"],
      ["api-unreachable", "UNKNOWN"],
      ["not-yet", "UNKNOWN"],
    ]);
    expect(text.match(/^# TYPE tiebreaker_cluster_state gauge$/gm)).toHaveLength(1);
  });

  it("parses the knet links, HA, Ceph health and LINSTOR satellites of several clusters", async () => {
    const { families } = await scrape(
      "corosync-link-down-one-node",
      "ha-maintenance-draining",
      "ceph-health-err-osd-full",
      "linstor-satellite-offline",
    );
    const down = values(families, "tiebreaker_corosync_link_connected").filter(
      (s) => s.value === 0,
    );
    expect(down.length).toBeGreaterThan(0);
    expect(down[0]!.labels).toMatchObject({ cluster: "corosync-link-down-one-node" });
    expect(values(families, "tiebreaker_corosync_link_latency_seconds").length).toBeGreaterThan(0);
    expect(
      values(families, "tiebreaker_ceph_health")
        .filter((s) => s.value === 1)
        .map((s) => s.labels.state),
    ).toEqual(["HEALTH_ERR"]);
    expect(values(families, "tiebreaker_ha_lrm_state").length).toBeGreaterThan(0);
    expect(values(families, "tiebreaker_ha_guests").length).toBeGreaterThan(0);
    expect(values(families, "tiebreaker_linstor_satellite_online")).toContainEqual({
      labels: { cluster: "linstor-satellite-offline", node: "pve3" },
      value: 0,
    });
  });
});
