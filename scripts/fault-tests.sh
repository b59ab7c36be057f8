#!/usr/bin/env bash
# Network-fault tests (vitest project "faults"), in namespaces of their own.
#
#   sudo bash scripts/fault-tests.sh [vitest arguments...]
#   sudo bash scripts/fault-tests.sh --run COMMAND [ARGS...]   (another program in the hub, e.g. a benchmark)
#
# Creates a private "hub" network namespace (outpost-hub-<pid>) and runs vitest inside it; the
# tests add simulated devices as further namespaces named outpost-hub-<pid>-* (see
# tests/support/netns.ts). Every address the tests use belongs to one of these namespaces or to
# loopback; nothing is added to the root namespace. On exit (also on Ctrl-C or SIGTERM) every
# process in those namespaces is killed and the namespaces are deleted. Exits with vitest's
# status.
set -uo pipefail
cd "$(dirname "$0")/.."

die() { echo "fault-tests.sh: $*" >&2; exit 2; }

[[ $(id -u) -eq 0 ]] || die "must run as root (it creates network namespaces); try: sudo -E bash scripts/fault-tests.sh"
command -v ip >/dev/null 2>&1 || die "'ip' not found: install iproute2"
command -v nsenter >/dev/null 2>&1 || die "'nsenter' not found: install util-linux"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here (no network namespace support?)"

PREFIX=outpost-hub
HUB="$PREFIX-$$"

# Namespaces of this run: the hub and everything named "$HUB-...".
our_namespaces() {
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${HUB}(-|\$)" || true
}

remove_namespaces() { # names...
  local ns pids round
  for round in 1 2 3 4 5 6 7 8 9 10; do
    pids=""
    for ns in "$@"; do pids+=" $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"; done
    [[ -z ${pids// /} ]] && break
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.2
  done
  # Devices first, the hub last.
  for ns in $(printf '%s\n' "$@" | sort -r); do
    ip netns del "$ns" 2>/dev/null || echo "fault-tests.sh: could not delete namespace $ns" >&2
  done
}

# Leftovers of runs that were killed too hard to clean up (SIGKILL): their script is gone.
sweep_stale() {
  local ns pid stale=()
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${PREFIX}-[0-9]+(-|\$)" || true); do
    pid=${ns#"$PREFIX"-}; pid=${pid%%-*}
    if ! kill -0 "$pid" 2>/dev/null; then stale+=("$ns"); fi
  done
  if ((${#stale[@]})); then
    echo "fault-tests.sh: removing namespaces left by earlier runs: ${stale[*]}" >&2
    remove_namespaces "${stale[@]}"
  fi
}

vitest_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [[ -n $vitest_pid ]] && kill -TERM "$vitest_pid" 2>/dev/null
  mapfile -t left < <(our_namespaces)
  ((${#left[@]})) && remove_namespaces "${left[@]}"
  mapfile -t left < <(our_namespaces)
  ((${#left[@]})) && echo "fault-tests.sh: namespaces still present: ${left[*]}" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

sweep_stale
ip netns add "$HUB" || die "could not create namespace $HUB"
ip -n "$HUB" link set lo up

# For tests/support/netns.ts: the hub's name, and this script's mount namespace (device
# namespaces must be added there, not in the private one `ip netns exec` gives vitest).
export OUTPOST_FAULT_HUB="$HUB"
export OUTPOST_FAULT_MOUNT_NS="/proc/$$/ns/mnt"

# In the background and waited for, so that a signal to this script runs the cleanup at once.
# `ip netns exec` keeps the environment (PATH, NODE_EXTRA_CA_CERTS, ...) and the working dir.
if [[ ${1:-} == --run ]]; then
  shift
  ip netns exec "$HUB" "$@" </dev/null &
else
  ip netns exec "$HUB" npx vitest run --project faults "$@" </dev/null &
fi
vitest_pid=$!
wait "$vitest_pid"
rc=$?
vitest_pid=""
exit "$rc"
