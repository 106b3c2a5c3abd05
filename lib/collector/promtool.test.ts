import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toMetrics } from "@/lib/surfaces/metrics";
import { evaluated } from "@/lib/surfaces/test-helpers";
import { prometheusText } from "./prometheus";

// promtool comes with Debian's prometheus package, which scripts/install-system-deps.sh installs.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("promtool", () => {
  it("accepts the example alert rules", () => {
    const out = execFileSync(
      "promtool",
      ["check", "rules", path.join(root, "docs/prometheus/tiebreaker-alerts.yml")],
      { encoding: "utf8" },
    );
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("finds nothing to lint in the exposition of a degraded DRBD cluster", async () => {
    const view = await evaluated("drbd9-split-brain");
    const { text } = await prometheusText([toMetrics(view)]);
    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  });

  it("finds nothing to lint in links, HA, Ceph and LINSTOR metrics", async () => {
    const views = await Promise.all(
      [
        "corosync-link-down-one-node",
        "ha-maintenance-draining",
        "ceph-health-warn-nearfull",
        "linstor-satellite-offline",
      ].map((name) => evaluated(name)),
    );
    const { text } = await prometheusText(views.map((v) => toMetrics(v)));
    expect(text).toContain("tiebreaker_linstor_satellite_online{");
    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  });
});
