#!/usr/bin/env bash
# The whole test suite, as CI runs it: prerequisites, typecheck, lint, unit, build, the compose
# file, the test control plane, integration against SQLite and PostgreSQL, the network-fault tests
# and the SSH provisioning tests on test devices (root only), and Playwright in Debian's Chromium.
#
# Every layer runs even after another one failed (unless it needs the failed one, e.g. the
# integration tests need the build: then it is reported as skipped), and the run ends with one
# summary line that counts every layer, skipped ones included, and every test. Exit status 0
# only when no layer failed.
#
# `npm test` is the CI run: CI=true makes Playwright refuse `test.only` (forbidOnly) and retry a
# failed test once, and makes vitest refuse `.only` (allowOnly is off in CI). For quicker local
# runs use the layer's own command (README, "Working on Outpost").
set -uo pipefail
cd "$(dirname "$0")/.."
export CI=true NEXT_TELEMETRY_DISABLED=1

results=$(mktemp -d -t outpost-test-XXXXXX)
# Readable by the "postgres" user, which runs the PostgreSQL server when the suite runs as root.
chmod 755 "$results"
layers="$results/layers.tsv"
: >"$layers"
pg_dir="$results/postgres"
cleanup() { bash scripts/postgres-server.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# record LAYER passed|failed|skipped REPORT NOTE: one row for the summary.
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$layers"; }
status_of() { awk -F'\t' -v l="$1" '$1 == l { s = $2 } END { print s }' "$layers"; }

# layer NAME REPORT [--needs LAYER]... -- COMMAND...: runs one layer and records how it went.
# REPORT is the file name of its JSON test report in $results ("-" for none).
layer() {
  local name=$1 report=$2 need
  shift 2
  while [ "$1" = --needs ]; do
    need=$2
    shift 2
    if [ "$(status_of "$need")" != passed ]; then
      printf '\n=== %s: skipped, %s did not pass ===\n' "$name" "$need"
      record "$name" skipped "$report" "needs $need"
      return 0
    fi
  done
  shift # --
  printf '\n=== %s ===\n' "$name"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  if [ "$rc" = 0 ]; then
    record "$name" passed "$report" "$((SECONDS - start)) s"
  else
    record "$name" failed "$report" "exit $rc after $((SECONDS - start)) s"
  fi
}

vitest() { npx vitest run --reporter=default --reporter=json "$@"; }

integration_postgres() {
  local port url
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})') || return 1
  url=$(bash scripts/postgres-server.sh start "$pg_dir" "$port") || return 1
  OUTPOST_TEST_POSTGRES_URL=$url vitest --project integration --outputFile="$results/integration-postgres.json"
}

layer prerequisites - -- bash scripts/install-prerequisites.sh
layer typecheck - -- npm run --silent typecheck
layer lint - -- npm run --silent lint
layer unit unit.json -- vitest --project unit --outputFile="$results/unit.json"
layer build - -- npm run --silent build
layer compose - -- bash scripts/check-compose.sh
# The Kubernetes parts, built from Go modules once and cached by version (~/.cache/outpost).
layer test-cluster - -- bash scripts/testcluster.sh build
layer integration-sqlite integration-sqlite.json --needs build --needs test-cluster -- \
  vitest --project integration --outputFile="$results/integration-sqlite.json"
layer integration-postgres integration-postgres.json --needs build --needs test-cluster -- integration_postgres
if [ "$(id -u)" = 0 ]; then
  layer faults faults.json --needs build --needs test-cluster -- \
    bash scripts/fault-tests.sh --reporter=default --reporter=json --outputFile="$results/faults.json"
else
  # Listed, not run: the summary counts them as skipped.
  npx vitest list --project faults --json="$results/faults-list.json" >/dev/null 2>&1 || true
  printf '\n=== faults: skipped, not root ===\n'
  record faults skipped faults-list.json "needs root: sudo -E bash scripts/fault-tests.sh"
fi
if [ "$(id -u)" = 0 ]; then
  layer devices devices.json --needs build --needs test-cluster -- \
    bash scripts/device-tests.sh --reporter=default --reporter=json --outputFile="$results/devices.json"
else
  npx vitest list --project devices --json="$results/devices-list.json" >/dev/null 2>&1 || true
  printf '\n=== devices: skipped, not root ===\n'
  record devices skipped devices-list.json "needs root: sudo -E bash scripts/device-tests.sh"
fi
layer e2e e2e.json --needs build --needs test-cluster -- \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
if [ "$(id -u)" = 0 ]; then
  layer e2e-devices e2e-devices.json --needs build --needs test-cluster -- \
    env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e-devices.json" bash scripts/device-tests.sh --e2e --reporter=list,json
else
  printf '\n=== e2e-devices: skipped, not root ===\n'
  record e2e-devices skipped - "needs root: sudo -E bash scripts/device-tests.sh --e2e"
fi

node scripts/summarize-test-results.mjs "$results"
