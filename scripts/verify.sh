#!/usr/bin/env bash
# The whole gate: checks, unit tests, builds, end-to-end and lab tests. Ends with the one line
# "N passed, N failed" that counts every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."

reports=test-results/reports
rm -rf "$reports"
mkdir -p "$reports"
step_failures=0

step() {
  local name=$1
  shift
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    echo "<== $name ok ($((SECONDS - started)) s)"
  else
    echo "<== $name FAILED ($((SECONDS - started)) s)"
    step_failures=$((step_failures + 1))
  fi
}

# A test step's failures are counted from its JSON report; only a runner that left no report
# (it crashed before running anything) counts as one failure of its own.
test_step() {
  local name=$1 report=$2
  shift 2
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    echo "<== $name ok ($((SECONDS - started)) s)"
  else
    echo "<== $name had failures ($((SECONDS - started)) s)"
    [ -s "$report" ] || step_failures=$((step_failures + 1))
  fi
}

step "system packages" bash scripts/install-system-deps.sh
step "lock file" bash scripts/check-lock.sh
step "lint" npx eslint .
step "typecheck" npx tsc --noEmit
step "format" npx prettier --check .
step "agent bundle" node agent/build.mjs
test_step "unit tests" "$reports/unit.json" \
  npx vitest run --reporter=default --reporter=json --outputFile="$reports/unit.json"
step "next build" npm run --silent build
test_step "end-to-end tests (demo stack)" "$reports/e2e.json" \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json
step "remove what an interrupted lab run left behind" npx tsx lab/cleanup.ts
test_step "lab tests (real corosync)" "$reports/lab.json" \
  npx vitest run --config lab/vitest.lab.config.ts --reporter=default --reporter=json --outputFile="$reports/lab.json"
test_step "end-to-end tests on the real lab" "$reports/e2e-lab.json" \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e-lab.json" npx playwright test --config playwright.lab.config.ts --reporter=list,json
step "no lab namespace or process left behind" bash scripts/check-lab-clean.sh

TB_STEP_FAILURES=$step_failures node scripts/summarize-tests.mjs "$reports"/*.json
