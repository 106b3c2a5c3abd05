import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function evaluate(
  dir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/evaluate.ts", dir, ...args],
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

  it("prints only the summary and findings without --fail", async () => {
    const out = JSON.parse(
      (await evaluate("scenarios/two-node-qdevice-connected")).stdout,
    ) as object;
    expect(Object.keys(out)).toEqual(["summary", "findings"]);
  });

  it("--fail prints the cluster afterwards with a whatIf block", async () => {
    const result = await evaluate("scenarios/two-node-qdevice-connected", "--fail", "pve2");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      summary: { quorate: boolean; totalVotes: number; nodes: { name: string; online: boolean }[] };
      whatIf: unknown;
    };
    expect(out.summary.quorate).toBe(true);
    expect(out.summary.totalVotes).toBe(2);
    expect(out.summary.nodes).toContainEqual({ name: "pve2", online: false });
    expect(out.whatIf).toEqual({
      failed: ["pve2"],
      quorate: true,
      lostVotes: 1,
      newFindings: ["node.unreachable", "quorum.no-margin", "node.offline"],
    });
  });

  it("takes several --fail targets, a link among them", async () => {
    const result = await evaluate(
      "scenarios/three-node-qdevice",
      "--fail",
      "pve1",
      "--fail",
      "qdevice",
    );
    const out = JSON.parse(result.stdout) as { whatIf: { quorate: boolean; lostVotes: number } };
    expect(out.whatIf).toMatchObject({ failed: ["pve1", "qdevice"], quorate: false, lostVotes: 3 });
    const link = JSON.parse(
      (await evaluate("scenarios/corosync-single-link", "--fail", "link:0")).stdout,
    ) as { whatIf: { quorate: boolean } };
    expect(link.whatIf).toMatchObject({ failed: ["link:0"], quorate: false, lostVotes: 2 });
  });

  it.each([["pve9"], ["link:x"], ["link:1"]])(
    "exits 2 with one line on stderr for the unknown target %s",
    async (target) => {
      const result = await evaluate("scenarios/two-node-qdevice-connected", "--fail", target);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/unknown failure target/);
    },
  );
});
