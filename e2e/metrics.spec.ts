import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { expect, test } from "@playwright/test";

test("GET /metrics serves the demo cluster in the Prometheus text format", async ({ request }) => {
  await expect
    .poll(async () => {
      const response = await request.get("/metrics");
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/plain");
      const families = parsePrometheusTextFormat(await response.text());
      const state = families.find((f) => f.name === "tiebreaker_cluster_state");
      return state?.metrics.filter((m) => m.value === "1").map((m) => m.labels?.cluster);
    })
    .toEqual(["demo"]);
});
