import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { applyStep, materializeBase } from "@/demo/scenario-files";
import { RULE_IDS } from "@/lib/health/types";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { readScenarioMeta } from "@/replay/meta-file";

interface ExpectedFinding {
  rule: string;
  severity: string;
  subject: string;
}

/** The complete state of a scenario: every finding evaluate produces, and part of its summary. */
interface Expected {
  summary?: Record<string, unknown>;
  findings: ExpectedFinding[];
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

function describeFinding(finding: ExpectedFinding): string {
  return `${finding.rule} on ${finding.subject} (${finding.severity})`;
}

/** The entries of `list` left over once each entry of `other` has been matched at most once. */
function without(list: readonly string[], other: readonly string[]): string[] {
  const unmatched = [...other];
  return list.filter((item) => {
    const index = unmatched.indexOf(item);
    if (index === -1) return true;
    unmatched.splice(index, 1);
    return false;
  });
}

async function check(dir: string, expected: Expected) {
  const result = await evaluateScenario(dir);
  for (const finding of result.findings) expect(RULE_IDS).toContain(finding.rule);
  const produced = result.findings.map(describeFinding).sort();
  const listed = expected.findings.map(describeFinding).sort();
  expect(without(produced, listed), "findings produced but not listed in expected.json").toEqual(
    [],
  );
  expect(without(listed, produced), "findings listed in expected.json but not produced").toEqual(
    [],
  );
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

    it("produces exactly the findings it lists", async () => {
      await check(dir, readExpected(dir));
    });

    for (const [index, step] of (meta.timeline ?? []).entries()) {
      it(`after timeline step ${step.apply} at ${step.atSeconds} s, produces exactly that step's findings`, async () => {
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
