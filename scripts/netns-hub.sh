#!/usr/bin/env bash
# Runs a command (a test runner) inside a private "hub" network namespace of its own.
#
#   sudo bash scripts/netns-hub.sh COMMAND [ARGS...]
#
# Creates the hub (outpost-hub-<pid>) and runs COMMAND inside it; tests add simulated devices as
# further namespaces named outpost-hub-<pid>-* (tests/support/netns.ts for the fault tests,
# tests/support/devices/ for the SSH test devices). Every address the tests use belongs to one of
# these namespaces or to loopback; nothing is added to the root namespace. On exit (also on
# Ctrl-C or SIGTERM) every process in those namespaces is killed, the namespaces are deleted and
# the run's scratch directory (OUTPOST_HUB_STATE_DIR) is removed. Exits with COMMAND's status.
set -uo pipefail
cd "$(dirname "$0")/.."

die() { echo "netns-hub.sh: $*" >&2; exit 2; }

[[ $(id -u) -eq 0 ]] || die "must run as root (it creates network namespaces); try: sudo -E bash scripts/netns-hub.sh COMMAND..."
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
    ip netns del "$ns" 2>/dev/null || echo "netns-hub.sh: could not delete namespace $ns" >&2
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
    echo "netns-hub.sh: removing namespaces left by earlier runs: ${stale[*]}" >&2
    remove_namespaces "${stale[@]}"
  fi
  local dir
  for dir in /tmp/"$PREFIX"-*.*; do
    [[ -d $dir ]] || continue
    pid=${dir#/tmp/"$PREFIX"-}; pid=${pid%%.*}
    kill -0 "$pid" 2>/dev/null || rm -rf "$dir"
  done
}

[[ $# -gt 0 ]] || die "usage: netns-hub.sh COMMAND [ARGS...]"

child_pid=""
STATE_DIR=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [[ -n $child_pid ]] && kill -TERM "$child_pid" 2>/dev/null
  mapfile -t left < <(our_namespaces)
  ((${#left[@]})) && remove_namespaces "${left[@]}"
  mapfile -t left < <(our_namespaces)
  ((${#left[@]})) && echo "netns-hub.sh: namespaces still present: ${left[*]}" >&2
  # Device file systems (overlay upper dirs) live here; their mounts ended with their processes.
  [[ -n $STATE_DIR ]] && rm -rf "$STATE_DIR"
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
# Scratch space of this run (e.g. the test devices' private file systems), removed at the end.
STATE_DIR=$(mktemp -d "/tmp/$HUB.XXXXXX")
export OUTPOST_HUB_STATE_DIR="$STATE_DIR"

# In the background and waited for, so that a signal to this script runs the cleanup at once.
# `ip netns exec` keeps the environment (PATH, NODE_EXTRA_CA_CERTS, ...) and the working dir.
ip netns exec "$HUB" "$@" </dev/null &
child_pid=$!
wait "$child_pid"
rc=$?
child_pid=""
exit "$rc"
