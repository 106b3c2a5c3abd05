import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function evaluate(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/evaluate.ts", dir],
      { cwd: projectDir },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("evaluate CLI", () => {
  it("prints the summary and findings of a scenario as one JSON object", async () => {
    const result = await evaluate("scenarios/two-node-no-qdevice-node-down");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      summary: { quorate: boolean | null };
      findings: { rule: string }[];
    };
    expect(out.summary.quorate).toBe(false);
    expect(out.findings.map((f) => f.rule)).toContain("quorum.lost");
  });

  it("exits 2 with one line on stderr for a folder that is not a scenario", async () => {
    const result = await evaluate("docs");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/not a scenario/);
  });
});
