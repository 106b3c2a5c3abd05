import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { applyStep, materializeBase } from "@/demo/scenario-files";
import { RULE_IDS } from "@/lib/health/types";
import { evaluateScenario } from "@/lib/scenario/evaluate-scenario";
import { readScenarioMeta } from "@/lib/scenario/meta-file";

interface Expected {
  summary?: Record<string, unknown>;
  findings: { rule: string; severity: string; subject: string }[];
  absent?: string[];
}

const root = path.dirname(fileURLToPath(import.meta.url));
const scenarios = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(root, e.name, "scenario.json")))
  .map((e) => e.name)
  .sort();
const scratch = mkdtempSync(path.join(tmpdir(), "tb-scenarios-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function readExpected(dir: string): Expected {
  return JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
}

async function check(dir: string, expected: Expected) {
  const result = await evaluateScenario(dir);
  for (const finding of result.findings) expect(RULE_IDS).toContain(finding.rule);
  const seen = result.findings.map((f) => `${f.rule} ${f.severity} ${f.subject}`);
  for (const want of expected.findings) {
    expect(seen, `expected ${want.rule} on ${want.subject}`).toContain(
      `${want.rule} ${want.severity} ${want.subject}`,
    );
  }
  for (const rule of expected.absent ?? []) {
    expect(
      result.findings.filter((f) => f.rule === rule),
      `${rule} must not fire`,
    ).toEqual([]);
  }
  if (expected.summary) expect(result.summary).toMatchObject(expected.summary);
}

describe("scenario folders", () => {
  it("covers the states the product promises to show", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(23);
  });

  describe.each(scenarios)("%s", (name) => {
    const dir = path.join(root, name);
    const meta = readScenarioMeta(dir);

    it("has a scenario.json named after its folder", () => {
      expect(meta.name).toBe(name);
    });

    it("produces the findings it states", async () => {
      await check(dir, readExpected(dir));
    });

    for (const [index, step] of (meta.timeline ?? []).entries()) {
      it(`after timeline step ${step.apply} at ${step.atSeconds} s, produces that step's findings`, async () => {
        const work = path.join(scratch, `${name}-${index}`);
        materializeBase(dir, work);
        for (const earlier of meta.timeline!.slice(0, index + 1))
          applyStep(path.join(dir, earlier.apply), work);
        await check(work, readExpected(path.join(dir, step.apply)));
      });
    }
  });
});

describe("evaluate on something that is not a scenario", () => {
  it("refuses a folder without scenario.json", async () => {
    const empty = path.join(scratch, "empty");
    cpSync(path.join(root, "README.md"), path.join(empty, "README.md"));
    await expect(evaluateScenario(empty)).rejects.toThrow(/no scenario\.json/);
  });
});
