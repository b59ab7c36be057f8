#!/usr/bin/env bash
# SSH provisioning tests against test devices (network + mount + UTS namespaces, each running a
# real sshd; tests/support/devices), inside a hub namespace of their own (scripts/netns-hub.sh).
#
#   sudo -E bash scripts/device-tests.sh [vitest arguments...]        vitest project "devices"
#   sudo -E bash scripts/device-tests.sh --e2e [playwright arguments...]   e2e/**/*.device-spec.ts
#
# Both need `npm run build` and the test control plane (scripts/testcluster.sh build) first.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --e2e ]]; then
  shift
  exec bash scripts/netns-hub.sh npx playwright test --config playwright.devices.config.ts "$@"
fi
exec bash scripts/netns-hub.sh npx vitest run --project devices "$@"
