#!/usr/bin/env bash
# Network-fault tests (vitest project "faults"), in namespaces of their own.
#
#   sudo bash scripts/fault-tests.sh [vitest arguments...]
#   sudo bash scripts/fault-tests.sh --run COMMAND [ARGS...]   (another program in the hub, e.g. a benchmark)
#
# Runs vitest inside a private "hub" network namespace (scripts/netns-hub.sh), where the tests add
# simulated devices as further namespaces (tests/support/netns.ts). Exits with vitest's status.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --run ]]; then
  shift
  exec bash scripts/netns-hub.sh "$@"
fi
exec bash scripts/netns-hub.sh npx vitest run --project faults "$@"
