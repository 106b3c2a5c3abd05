import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "./load";
import { notificationsSchema } from "./notify-schema";

const dir = mkdtempSync(path.join(tmpdir(), "tb-notify-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tokenFile = path.join(dir, "gatus.token");
writeFileSync(tokenFile, "gatus-token-1234\n");

const cluster = {
  id: "prod",
  proxmox: {
    urls: ["https://pve1.example:8006"],
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
  },
};

const gatus = { type: "gatus", name: "gatus", url: "https://status.example", key: "pve_prod" };

describe("notifications configuration", () => {
  it("has no receivers by default and fills each receiver's defaults", () => {
    expect(resolveConfig({ clusters: [cluster] }).notifications.receivers).toEqual([]);
    const config = resolveConfig({
      clusters: [cluster],
      notifications: { timeoutMs: 2_000, receivers: [{ ...gatus, tokenFile }] },
    });
    expect(config.notifications).toMatchObject({
      openAfterIntervals: 2,
      resolveAfterIntervals: 2,
      retry: { initialDelayMs: 5_000, maxDelayMs: 600_000, maxAttempts: 12 },
    });
    expect(config.notifications.receivers).toEqual([
      {
        ...gatus,
        minSeverity: "warning",
        clusters: "*",
        timeoutMs: 2_000,
        secret: "gatus-token-1234",
      },
    ]);
  });

  it.each([
    [
      "a receiver's secret given inline instead of from a file",
      [{ ...gatus, tokenFile, token: "inline" }],
      /notifications.receivers.0: Unrecognized key: "token"/,
    ],
    ["a Gatus receiver without its token file", [gatus], /notifications.receivers.0.tokenFile/],
    [
      "a secret file that cannot be read",
      [{ type: "ntfy", name: "phone", url: "https://ntfy.sh/t", tokenFile: `${tokenFile}.gone` }],
      /notifications.receivers.0.tokenFile: cannot read .*: ENOENT/,
    ],
    [
      "two receivers with one name",
      [
        { ...gatus, tokenFile },
        { type: "webhook", name: "gatus", url: "https://hooks.example/t" },
      ],
      /notifications.receivers.1.name: "gatus" is used twice/,
    ],
    [
      "a cluster that is not configured",
      [{ type: "webhook", name: "hook", url: "https://hooks.example/t", clusters: ["lab"] }],
      /notifications.receivers.0.clusters: no cluster "lab"/,
    ],
    [
      "an unknown receiver type",
      [{ type: "pagerduty", name: "pd", url: "https://events.example" }],
      /notifications.receivers.0.type/,
    ],
  ])("refuses %s, naming the field", (_name, receivers, message) => {
    expect(() => resolveConfig({ clusters: [cluster], notifications: { receivers } })).toThrow(
      message,
    );
  });

  it("parses the documented example", () => {
    expect(
      notificationsSchema
        .parse({
          dashboardUrl: "https://tiebreaker.example.org",
          receivers: [
            {
              type: "alertmanager",
              name: "alertmanager",
              url: "http://alertmanager:9093",
              labels: { team: "infra" },
            },
            { type: "ntfy", name: "phone", url: "https://ntfy.sh/pve", minSeverity: "critical" },
          ],
        })
        .receivers.map((r) => r.minSeverity),
    ).toEqual(["warning", "critical"]);
  });
});
