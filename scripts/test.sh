#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, lint, unit, build, integration against SQLite
# and PostgreSQL, then Playwright in Debian's Chromium. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-}"

bash scripts/install-prerequisites.sh
results=$(mktemp -d)
# Readable by the "postgres" user, which runs the PostgreSQL server when the suite runs as root.
chmod 755 "$results"
pg_dir="$results/postgres"
cleanup() { bash scripts/postgres-server.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

step() { printf '\n=== %s ===\n' "$1"; }

step "typecheck";  npm run --silent typecheck
step "lint";       npm run --silent lint
step "unit";       npx vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit.json"
step "build";      npm run --silent build
step "test control plane (Kubernetes parts from Go modules; cached by version)"
bash scripts/testcluster.sh build
step "integration (SQLite)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile="$results/integration-sqlite.json"
step "integration (PostgreSQL)"
pg_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_url=$(bash scripts/postgres-server.sh start "$pg_dir" "$pg_port")
export OUTPOST_TEST_POSTGRES_URL=$pg_url
npx vitest run --project integration --reporter=default --reporter=json --outputFile="$results/integration-postgres.json"
unset OUTPOST_TEST_POSTGRES_URL
step "faults (network namespaces: cut links, lossy links, crashes)"
if [ "$(id -u)" = 0 ]; then
  bash scripts/fault-tests.sh --reporter=default --reporter=json --outputFile="$results/faults.json"
else
  echo "skipped: the fault tests create network namespaces and need root (sudo -E bash scripts/fault-tests.sh)"
fi
step "e2e (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json

node scripts/summarize-test-results.mjs "$results"
