#!/bin/sh
# The test bundle's k3s install script (placed at /usr/local/bin/k3s-install.sh). It keeps the
# environment contract of k3s's own install.sh for air-gapped installs — INSTALL_K3S_SKIP_DOWNLOAD=true
# with k3s already in INSTALL_K3S_BIN_DIR (/usr/local/bin), INSTALL_K3S_EXEC ("server …" / "agent …"
# / flags), K3S_URL (implies agent), K3S_TOKEN / K3S_TOKEN_FILE, other K3S_* variables kept in the
# service's environment file (0600) — and, like it, (re)starts the service and waits until k3s is
# up. The test devices have no systemd, so "the service" is k3s in the background under a pid file
# (/run/<name>.pid), logging to /var/log/<name>.log; k3s-killall.sh stops it.
set -eu

info() { echo "[INFO]  $*"; }
fatal() { echo "[ERROR] $*" >&2; exit 1; }

BIN_DIR=${INSTALL_K3S_BIN_DIR:-/usr/local/bin}
[ "$(id -u)" = 0 ] || fatal "You need to be root to perform this install"
[ "${INSTALL_K3S_SKIP_DOWNLOAD:-}" = true ] || fatal "this k3s build is installed air-gapped only: set INSTALL_K3S_SKIP_DOWNLOAD=true"
[ -x "$BIN_DIR/k3s" ] || fatal "$BIN_DIR/k3s is missing or not executable (place the bundle's k3s binary first)"

# Same rule as k3s's install.sh: K3S_URL means agent unless INSTALL_K3S_EXEC says otherwise.
CMD_K3S=${INSTALL_K3S_EXEC:-}
case "$CMD_K3S" in
  server|server\ *|agent|agent\ *) ;;
  *) if [ -n "${K3S_URL:-}" ]; then CMD_K3S="agent $CMD_K3S"; else CMD_K3S="server $CMD_K3S"; fi ;;
esac
case "$CMD_K3S" in
  agent*)
    [ -n "${K3S_URL:-}" ] || grep -qs '^server:' /etc/rancher/k3s/config.yaml || fatal "agent install needs K3S_URL (or server: in config.yaml)"
    if [ -z "${K3S_TOKEN:-}" ] && [ -z "${K3S_TOKEN_FILE:-}" ] && ! grep -qs '^token:' /etc/rancher/k3s/config.yaml; then
      fatal "Defaulted k3s exec command to 'agent' because K3S_URL is defined, but K3S_TOKEN or K3S_TOKEN_FILE is not defined."
    fi
    NAME=k3s-agent ;;
  *) NAME=k3s ;;
esac

info "Skipping k3s download and verify"
for cmd in kubectl crictl ctr; do
  [ -e "$BIN_DIR/$cmd" ] || { info "Creating $BIN_DIR/$cmd symlink to k3s"; ln -sf k3s "$BIN_DIR/$cmd"; }
done

# The service's environment: K3S_* variables of this install, readable by root only.
ENV_DIR=/etc/systemd/system
ENV_FILE=$ENV_DIR/$NAME.service.env
mkdir -p "$ENV_DIR"
info "env: Creating environment file $ENV_FILE"
(umask 077; env | grep -E '^(K3S|CONTAINERD)_' | sed -e 's/=\(.*\)/="\1"/' >"$ENV_FILE")

PID_FILE=/run/$NAME.pid
LOG_FILE=/var/log/$NAME.log
cat >"$BIN_DIR/k3s-killall.sh" <<EOF
#!/bin/sh
# Stops k3s started by k3s-install.sh (no systemd here).
for f in /run/k3s.pid /run/k3s-agent.pid; do
  [ -s "\$f" ] || continue
  pid=\$(cat "\$f"); kill "\$pid" 2>/dev/null || true
  i=0; while kill -0 "\$pid" 2>/dev/null && [ \$i -lt 150 ]; do sleep 0.2; i=\$((i+1)); done
  kill -9 "\$pid" 2>/dev/null || true; rm -f "\$f"
done
EOF
chmod 0755 "$BIN_DIR/k3s-killall.sh"

if [ "${INSTALL_K3S_SKIP_START:-}" = true ]; then
  info "Skipping start of $NAME"
  exit 0
fi

info "Starting $NAME"
"$BIN_DIR/k3s-killall.sh"
touch "$LOG_FILE"
FROM=$(($(wc -l <"$LOG_FILE") + 1))
# shellcheck disable=SC2086 # the command and its flags split on spaces, as in a systemd ExecStart
(set -a; . "$ENV_FILE"; set +a; exec setsid "$BIN_DIR/k3s" $CMD_K3S) </dev/null >>"$LOG_FILE" 2>&1 &
echo $! >"$PID_FILE"

# Wait as systemd does for a Type=notify unit: until k3s says it is up, or fails.
WAITED=0
LIMIT=${INSTALL_K3S_START_TIMEOUT:-180}
while ! tail -n "+$FROM" "$LOG_FILE" | grep -q "up and running"; do
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    tail -n "+$FROM" "$LOG_FILE" | tail -n 15 >&2
    fatal "$NAME exited while starting (log: $LOG_FILE)"
  fi
  if tail -n "+$FROM" "$LOG_FILE" | grep -q "level=fatal"; then
    tail -n "+$FROM" "$LOG_FILE" | tail -n 15 >&2
    fatal "$NAME failed to start (log: $LOG_FILE)"
  fi
  [ "$WAITED" -lt "$((LIMIT * 5))" ] || { tail -n 15 "$LOG_FILE" >&2; fatal "$NAME did not come up within ${LIMIT}s (log: $LOG_FILE)"; }
  sleep 0.2
  WAITED=$((WAITED + 1))
done
info "$NAME is running"
