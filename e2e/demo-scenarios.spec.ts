import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  freePorts,
  processesMentioning,
  projectDir,
  writeScenarioSuite,
} from "../demo/test-helpers";

// A second demo of its own, started with --scenarios the way an outside suite runs the product.
let demo: ChildProcess;
let url: string;
let scratch: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(tmpdir(), "tb-e2e-suite-"));
  const suite = path.join(scratch, "suite");
  writeScenarioSuite(suite, [
    { name: "suite-healthy", from: "healthy-3-node" },
    { name: "suite-quorum-lost", from: "two-node-no-qdevice-node-down" },
  ]);
  const ports = (await freePorts(4)).map(String);
  demo = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "demo/main.ts",
      ...["--port", ports[0]!, "--pve-port", ports[1]!, "--control-port", ports[2]!],
      ...["--agent-port", ports[3]!, "--interval-ms", "1000", "--work-dir", scratch],
      ...["--scenarios", suite, "--scenario", "suite-healthy"],
    ],
    { cwd: projectDir, stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  url = await new Promise<string>((resolve, reject) => {
    demo.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /Tiebreaker demo: open (\S+)/.exec(stdout);
      if (ready) resolve(ready[1]!);
    });
    demo.once("exit", (code) => reject(new Error(`the demo exited (${code}) before it was ready`)));
  });
});

test.afterAll(async () => {
  if (demo.exitCode === null) {
    const exited = once(demo, "exit");
    demo.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }
  expect(processesMentioning(scratch)).toEqual([]);
  rmSync(scratch, { recursive: true, force: true });
});

test.describe("scenarios from --scenarios", () => {
  test("open first and are listed apart from the built-in ones", async ({ page }) => {
    await page.goto(url);
    const select = page.getByTestId("scenario-select");
    await expect(select).toHaveValue("suite-healthy");
    await expect(page.getByTestId("extra-scenarios").locator("option")).toHaveText([
      "Suite: suite-healthy",
      "Suite: suite-quorum-lost",
    ]);
    await expect(select.locator('option[value="healthy-3-node"]')).toHaveCount(1);
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
  });

  test("can be switched to from the switcher like built-in ones", async ({ page }) => {
    await page.goto(url);
    const select = page.getByTestId("scenario-select");
    await expect(select).toHaveValue("suite-healthy");
    await select.selectOption("suite-quorum-lost");
    await expect(select).toHaveValue("suite-quorum-lost");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "false");
    await select.selectOption("healthy-3-node");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
  });
});
