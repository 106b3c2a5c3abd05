import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

/** Starts the built server with `config` and returns everything it printed, in order, and its exit code. */
async function startWithConfig(config: string): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tb-config-error-"));
  const file = path.join(dir, "dashboard.json");
  writeFileSync(file, config);
  try {
    // One pipe for both streams, so the order of the lines is the order they were written.
    const child = spawn("sh", ["-c", "exec node .next/standalone/server.js 2>&1"], {
      env: { ...process.env, TIEBREAKER_CONFIG: file, PORT: "0", HOSTNAME: "127.0.0.1" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    return { code, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe("a config file with errors", () => {
  test("a wrong field: the error names it and the server stops before anything says Ready", async () => {
    const { code, output } = await startWithConfig(
      JSON.stringify({
        clusters: [{ id: "x", proxmox: { urls: ["ftp://pve"], tokenId: "t@pam!x" } }],
      }),
    );
    expect(code).toBe(1);
    expect(output).toContain("[tiebreaker] configuration error: clusters.0.proxmox.urls.0");
    expect(output).not.toContain("Ready");
  });

  test("a file that is not JSON: one line saying so, no Ready", async () => {
    const { code, output } = await startWithConfig('{"clusters": [');
    expect(code).toBe(1);
    expect(output).toMatch(/\[tiebreaker\] configuration error: .*JSON/);
    expect(output).not.toContain("Ready");
  });
});

test.describe("the API token's privileges", () => {
  test("the settings page lists them; a missing one is named there and on the overview, and the rest of the page works", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    await page.goto("/settings");
    const card = page.getByTestId("settings-demo");
    await expect(card).toContainText("pinned SHA-256 fingerprint");
    await expect(card).toContainText("tiebreaker@pve!dashboard");
    await expect(card.getByRole("row")).toHaveCount(3);
    await expect(
      card.getByRole("row", { name: /granted Datastore.Audit on \/storage/ }),
    ).toBeVisible();

    await dashboard.useScenario("api-token-without-datastore-audit");
    await expect(dashboard.banner("pve.missing-privilege")).toContainText(
      "The API token lacks Datastore.Audit on /storage",
    );
    // Everything the token may read is still shown.
    await expect(dashboard.node("pve1")).toBeVisible();
    await page.goto("/settings");
    await expect(
      page
        .getByTestId("settings-demo")
        .getByRole("row", { name: /missing Datastore.Audit on \/storage/ }),
    ).toBeVisible();
    await dashboard.useScenario("healthy-3-node");
  });
});
