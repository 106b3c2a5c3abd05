import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(path.join(tmpdir(), "tb-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(name: string, body: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

async function summarize(
  files: string[],
  stepFailures = 0,
): Promise<{ code: number; lines: string[] }> {
  const options = {
    cwd: projectDir,
    env: { ...process.env, TB_STEP_FAILURES: String(stepFailures) },
  };
  try {
    const { stdout } = await run(
      process.execPath,
      ["scripts/summarize-tests.mjs", ...files],
      options,
    );
    return { code: 0, lines: stdout.trimEnd().split("\n") };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, lines: e.stdout.trimEnd().split("\n") };
  }
}

const vitestReport = {
  numPassedTests: 2,
  numFailedTests: 1,
  testResults: [
    {
      name: path.join(projectDir, "lib/a.test.ts"),
      status: "failed",
      assertionResults: [
        { status: "passed", fullName: "a works", failureMessages: [] },
        {
          status: "failed",
          fullName: "a › times out under load",
          failureMessages: ["\u001b[31mError: Test timed out in 5000ms.\u001b[39m\n    at stack"],
        },
      ],
    },
    {
      name: path.join(projectDir, "lib/b.test.ts"),
      status: "passed",
      assertionResults: [{ status: "passed", fullName: "b works", failureMessages: [] }],
    },
  ],
};

const playwrightReport = {
  stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 0 },
  suites: [
    {
      title: "wall.spec.ts",
      file: "wall.spec.ts",
      specs: [],
      suites: [
        {
          title: "wall display",
          file: "wall.spec.ts",
          specs: [
            {
              title: "turns CRITICAL",
              file: "wall.spec.ts",
              line: 12,
              tests: [
                {
                  status: "unexpected",
                  results: [{ errors: [{ message: "expect(locator).toHaveText failed" }] }],
                },
              ],
            },
            {
              title: "recovers",
              file: "wall.spec.ts",
              line: 40,
              tests: [
                {
                  status: "flaky",
                  results: [{ errors: [{ message: "Timed out 5000ms" }] }, { errors: [] }],
                },
              ],
            },
            { title: "fits", file: "wall.spec.ts", line: 60, tests: [{ status: "expected" }] },
          ],
        },
      ],
    },
  ],
};

describe("the closing test summary", () => {
  it("counts every runner's tests and ends with the one line", async () => {
    const result = await summarize([
      report("unit.json", vitestReport),
      report("e2e.json", playwrightReport),
    ]);
    expect(result.lines.at(-1)).toBe("6 passed, 2 failed");
    expect(result.code).toBe(1);
  });

  it("names each failed and flaky test, with its first error line, above the count", async () => {
    const result = await summarize([
      report("unit.json", vitestReport),
      report("e2e.json", playwrightReport),
    ]);
    expect(result.lines.slice(0, -1)).toEqual([
      "FAILED lib/a.test.ts › a › times out under load: Error: Test timed out in 5000ms.",
      "FAILED wall.spec.ts:12 › wall display › turns CRITICAL: expect(locator).toHaveText failed",
      "FLAKY (passed on retry) wall.spec.ts:40 › wall display › recovers: Timed out 5000ms",
    ]);
  });

  it("names and counts a test file that failed to load", async () => {
    const result = await summarize([
      report("broken.json", {
        numPassedTests: 0,
        numFailedTests: 0,
        testResults: [
          {
            name: path.join(projectDir, "lib/c.test.ts"),
            status: "failed",
            message: "SyntaxError: Unexpected token",
            assertionResults: [],
          },
        ],
      }),
    ]);
    expect(result.lines).toEqual([
      "FAILED lib/c.test.ts: SyntaxError: Unexpected token",
      "0 passed, 1 failed",
    ]);
  });

  it("adds a failed check step, and skips a report a crashed runner never wrote", async () => {
    const result = await summarize([path.join(dir, "missing.json")], 1);
    expect(result.lines).toEqual(["0 passed, 1 failed"]);
    expect(result.code).toBe(1);
  });

  it("exits 0 when nothing failed", async () => {
    const result = await summarize([
      report("green.json", { ...vitestReport, numFailedTests: 0, testResults: [] }),
    ]);
    expect(result).toEqual({ code: 0, lines: ["2 passed, 0 failed"] });
  });
});
