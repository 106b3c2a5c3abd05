import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

const port = Number(process.env.TB_LAB_PORT ?? 3200);

/** End-to-end tests against the real corosync lab; needs root and the corosync Debian packages. */
export default defineConfig({
  ...base,
  testDir: "e2e/lab",
  testMatch: "*.spec.ts",
  testIgnore: [],
  outputDir: "test-results/playwright-lab",
  timeout: 120_000,
  expect: { timeout: 45_000 },
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `node --import tsx lab/main.ts --port ${port} --pve-port 8206 --control-port 8399 --agent-port 9495 --interval-ms 500 --no-prompt`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
