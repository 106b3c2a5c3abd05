import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, expect, test } from "@playwright/test";
import { builtFiles } from "@/demo/dashboard";
import { waitForHttp } from "@/demo/processes";
import { freePorts, processesMentioning, projectDir } from "@/demo/test-helpers";
import { wallPollMs } from "@/lib/queries/polling";
import { WALL_LOST_AFTER_POLLS } from "@/lib/queries/wall";
import { WallPage } from "./pages/wall-page";

// A demo stack of its own: the simulated cluster from demo/main.ts --no-dashboard, and the built
// dashboard started here, so that this test can stop and restart the real server under the page.
let scratch: string;
let demo: ChildProcess;
let dashboard: ChildProcess | null = null;
let dashboardPort: number;
let controlPort: number;
/** Everything the dashboard wrote to stdout and stderr, over all its runs. */
let dashboardOutput = "";

function startDashboard(): Promise<void> {
  const child = spawn(process.execPath, [builtFiles(projectDir).dashboardServer], {
    cwd: projectDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(dashboardPort),
      HOSTNAME: "127.0.0.1",
      TIEBREAKER_CONFIG: path.join(scratch, "dashboard.json"),
      TIEBREAKER_DEMO_CONTROL: `http://127.0.0.1:${controlPort}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk: Buffer) => (dashboardOutput += chunk.toString()));
  dashboard = child;
  return waitForHttp(`http://127.0.0.1:${dashboardPort}/api/health`, 60_000, "the dashboard");
}

/** Ends the dashboard at once, the way a crash or a pulled cable ends it for the wall. */
async function killDashboard(): Promise<void> {
  const child = dashboard;
  dashboard = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(tmpdir(), "tb-e2e-wall-server-"));
  const ports = await freePorts(4);
  [dashboardPort, controlPort] = [ports[0]!, ports[2]!];
  demo = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "demo/main.ts",
      "--no-dashboard",
      ...["--pve-port", String(ports[1]), "--control-port", String(controlPort)],
      ...["--agent-port", String(ports[3]), "--interval-ms", "1000", "--work-dir", scratch],
      ...["--scenario", "healthy-3-node"],
    ],
    { cwd: projectDir, stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  await new Promise<void>((resolve, reject) => {
    demo.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("simulated cluster ready")) resolve();
    });
    demo.once("exit", (code) => reject(new Error(`the demo exited (${code}) before it was ready`)));
  });
  await startDashboard();
});

test.afterAll(async () => {
  await killDashboard();
  if (demo.exitCode === null) {
    const exited = once(demo, "exit");
    demo.kill("SIGTERM");
    await exited;
  }
  expect(processesMentioning(scratch)).toEqual([]);
  rmSync(scratch, { recursive: true, force: true });
});

async function pairedWall(browser: Browser): Promise<WallPage> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${dashboardPort}` });
  const wall = new WallPage(await context.newPage());
  await wall.pair(readFileSync(path.join(scratch, "display-key"), "utf8").trim());
  return wall;
}

test("the wall greys its last state while the dashboard server is down, and recovers by itself when it returns", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const wall = await pairedWall(browser);
  const { page } = wall;
  await wall.open("?cluster=demo");
  await expect(wall.stateWord).toHaveText("OK");
  await expect(wall.cluster).toHaveAttribute("data-link", "live");
  await expect(wall.cluster).toHaveAttribute("data-greyed", "false");
  await wall.markDocument();

  await killDashboard();
  // The next poll fails: the last answer stays, greyed, with its time and "reconnecting".
  await expect(wall.cluster).toHaveAttribute("data-link", "reconnecting", {
    timeout: wallPollMs + 1_000,
  });
  await expect(wall.cluster).toHaveAttribute("data-greyed", "true");
  await expect(wall.stateWord).toHaveText("OK");
  await expect(page.getByTestId("wall-data-time")).toHaveText(/^Data from \d\d:\d\d:\d\d$/);
  await expect(page.getByTestId("wall-link")).toHaveText(
    /No answer from the dashboard server since \d\d:\d\d:\d\d, reconnecting$/,
  );
  await wall.screenshot("wall-server-down");

  // Three polls without an answer: never a stale green, the word turns UNKNOWN.
  await expect(wall.stateWord).toHaveText("UNKNOWN", {
    timeout: (WALL_LOST_AFTER_POLLS + 1) * wallPollMs,
  });
  await expect(page.getByTestId("wall-state")).toContainText("last known: OK");
  await expect(page.getByTestId("wall-link")).toContainText("reconnecting");
  await expect(wall.panels).toHaveCount(1);
  await expect(page.getByText(/Application error|Unhandled|TypeError/)).toHaveCount(0);

  await startDashboard();
  // Nobody touches the wall: its own polls and event stream find the server again.
  await expect(wall.stateWord).toHaveText("OK", { timeout: 3 * wallPollMs });
  await expect(wall.cluster).toHaveAttribute("data-link", "live");
  await expect(wall.cluster).toHaveAttribute("data-greyed", "false");
  await expect(page.getByTestId("wall-link")).toHaveCount(0);
  expect(await wall.documentIsMarked(), "the page recovered without a reload").toBe(true);
  await wall.screenshot("wall-server-back");

  // The display key was in the pairing link only: the server never wrote it out.
  const key = readFileSync(path.join(scratch, "display-key"), "utf8").trim();
  expect(dashboardOutput).not.toContain(key);
  await page.context().close();
});
