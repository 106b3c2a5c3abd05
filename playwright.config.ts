import { defineConfig } from "@playwright/test";

// TB_E2E_PORT moves the whole demo stack (dashboard, simulated API, control, agents) so that two
// runs on one machine never share a server.
const port = Number(process.env.TB_E2E_PORT ?? 3100);
const offset = port - 3100;

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  testIgnore: ["lab/**"],
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.TB_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The whole demo stack: simulated Proxmox API, one agent per node, the built dashboard.
    command: `node --import tsx demo/main.ts --port ${port} --pve-port ${8106 + offset} --control-port ${8299 + offset} --agent-port ${9595 + offset} --interval-ms 1000 --time-scale 1.5 --work-dir .tiebreaker/e2e-${port} --scenario healthy-3-node`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
