#!/bin/sh
# Installs the Outpost agent as a service and (re)starts it. Used by the SSH provisioner and by
# the one-line install command the centre serves. Run as root:
#
#   install-agent-service.sh
#
# Expects the agent at /usr/local/lib/outpost/outpost-agent.mjs and its settings, registration
# token included, in /etc/outpost-agent/agent.env (mode 0600; never on a command line). With
# systemd: a unit with EnvironmentFile=, enabled and restarted. Without: a supervisor loop in the
# background (pid in /run/outpost-agent.pid, log in /var/log/outpost-agent.log) that restarts the
# agent unless the centre refused it (exit 3).
set -eu
AGENT=/usr/local/lib/outpost/outpost-agent.mjs
ENV_FILE=/etc/outpost-agent/agent.env
LIB=/usr/local/lib/outpost

fatal() { echo "[ERROR] $*" >&2; exit 1; }
info() { echo "[INFO]  $*"; }

[ "$(id -u)" = 0 ] || fatal "run as root"
[ -s "$AGENT" ] || fatal "$AGENT is missing"
[ -s "$ENV_FILE" ] || fatal "$ENV_FILE is missing"
NODE=$(command -v node) || fatal "Node.js 20 or newer is needed to run the Outpost agent"
chmod 0600 "$ENV_FILE"

if [ -d /run/systemd/system ]; then
  cat >/etc/systemd/system/outpost-agent.service <<UNIT
[Unit]
Description=Outpost agent (keeps this k3s cluster connected to its Outpost centre)
After=network-online.target k3s.service
Wants=network-online.target

[Service]
EnvironmentFile=$ENV_FILE
ExecStart=$NODE $AGENT
Restart=on-failure
RestartPreventExitStatus=3
RestartSec=5

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable outpost-agent >/dev/null 2>&1
  systemctl restart outpost-agent
  info "outpost-agent.service enabled and started"
  exit 0
fi

# No systemd: a small supervisor, restarted here on every install.
cat >"$LIB/outpost-agent-supervise.sh" <<SUPERVISE
#!/bin/sh
# Keeps the Outpost agent running (written by install-agent-service.sh; no systemd here).
set -a; . $ENV_FILE; set +a
while :; do
  $NODE $AGENT && rc=0 || rc=\$?
  [ "\$rc" = 3 ] && { echo "outpost-agent: the centre refused this agent (exit 3); not restarting"; exit 3; }
  sleep 5
done
SUPERVISE
chmod 0755 "$LIB/outpost-agent-supervise.sh"
PID_FILE=/run/outpost-agent.pid
if [ -s "$PID_FILE" ]; then
  old=$(cat "$PID_FILE")
  kill -TERM -- "-$old" 2>/dev/null || kill -TERM "$old" 2>/dev/null || true
  i=0; while kill -0 "$old" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
fi
setsid "$LIB/outpost-agent-supervise.sh" </dev/null >>/var/log/outpost-agent.log 2>&1 &
echo $! >"$PID_FILE"
info "outpost-agent started under a supervisor (no systemd; pid $(cat "$PID_FILE"), log /var/log/outpost-agent.log)"
