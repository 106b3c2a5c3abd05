// Prints the one closing line CI reads: every test that ran, from the runners' JSON reports,
// plus one failure for each check step (lint, typecheck, build) that failed.
import { existsSync, readFileSync } from "node:fs";

const [, , ...args] = process.argv;
let passed = 0;
let failed = 0;
const stepFailures = Number(process.env.TB_STEP_FAILURES ?? "0");

for (const file of args) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (Array.isArray(report.testResults)) {
    // Vitest's JSON reporter (Jest-compatible)
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  } else if (report.stats) {
    // Playwright's JSON reporter: flaky tests passed on retry, unexpected ones failed
    passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected ?? 0;
  }
}
failed += stepFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
