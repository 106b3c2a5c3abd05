// Prints the one closing line CI reads: every test that ran, from the runners' JSON reports,
// plus one failure for each check step (lint, typecheck, build) that failed. Failed and flaky
// tests are named just above that line, so the end of a long log says which ones they were.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const [, , ...args] = process.argv;
let passed = 0;
let failed = 0;
const stepFailures = Number(process.env.TB_STEP_FAILURES ?? "0");
const named = [];

function firstLine(text) {
  // Runner messages carry ANSI colours; the summary is read as plain text.
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const line = plain.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 200);
}

function vitestFailures(report) {
  for (const file of report.testResults) {
    const where = relative(process.cwd(), file.name ?? "");
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      named.push(`FAILED ${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that fails to load has no assertion results, only a message; it counts as a
    // failure, since none of its tests ran.
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) {
      named.push(`FAILED ${where}: ${firstLine(file.message)}`);
      failed += 1;
    }
  }
}

function playwrightFailures(suite, titles) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== "unexpected" && test.status !== "flaky") continue;
      const results = test.results ?? [];
      const error = results.find((r) => (r.errors ?? []).length > 0)?.errors[0]?.message;
      const label = test.status === "flaky" ? "FLAKY (passed on retry)" : "FAILED";
      const title = [...titles, spec.title].filter(Boolean).join(" › ");
      named.push(
        `${label} ${spec.file ?? suite.file}:${spec.line} › ${title}: ${firstLine(error)}`,
      );
    }
  }
  for (const child of suite.suites ?? []) {
    playwrightFailures(child, [...titles, child.title === child.file ? "" : child.title]);
  }
}

for (const file of args) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (Array.isArray(report.testResults)) {
    // Vitest's JSON reporter (Jest-compatible)
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    vitestFailures(report);
  } else if (report.stats) {
    // Playwright's JSON reporter: flaky tests passed on retry, unexpected ones failed
    passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected ?? 0;
    for (const suite of report.suites ?? []) playwrightFailures(suite, []);
  }
}
failed += stepFailures;
for (const line of named) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
