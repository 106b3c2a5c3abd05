#!/usr/bin/env bash
# Fails when an install would change package-lock.json: a fresh resolution of package.json must
# write the committed lock byte for byte, and npm ci must accept it.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json package-lock.json "$work/"
(cd "$work" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
if ! cmp -s package-lock.json "$work/package-lock.json"; then
  echo "package-lock.json is not what an install writes; run npm install and commit the lock:" >&2
  diff <(grep -o '"node_modules/[^"]*"' package-lock.json) \
    <(grep -o '"node_modules/[^"]*"' "$work/package-lock.json") | head -20 >&2 || true
  exit 1
fi
npm ci --dry-run --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
echo "package-lock.json: complete, npm ci accepts it"
