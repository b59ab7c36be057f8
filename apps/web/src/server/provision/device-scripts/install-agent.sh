#!/bin/sh
# Installs the Outpost agent on a k3s server and registers its cluster (the one-line command of
# "Add cluster"):
#
#   curl -fsSL … https://centre/api/v1/install/agent.sh | sudo OUTPOST_REGISTRATION_TOKEN=reg_… sh
#
# The centre put OUTPOST_CENTRE, OUTPOST_CURL_TRUST, OUTPOST_AGENT_FILES ("sha256 path" lines of
# the agent and its service installer) and OUTPOST_CENTRE_CA (a private CA, or empty) above.
# The token is kept in /etc/outpost-agent/agent.env (0600), never on a command line.
set -eu
fatal() { echo "[ERROR] $*" >&2; exit 1; }
info() { echo "[INFO]  $*"; }

[ "$(id -u)" = 0 ] || fatal "run as root: … | sudo OUTPOST_REGISTRATION_TOKEN=… sh"
for tool in curl sha256sum install; do command -v "$tool" >/dev/null 2>&1 || fatal "$tool is needed"; done
command -v node >/dev/null 2>&1 || fatal "Node.js 20 or newer is needed to run the Outpost agent"
KUBECONFIG_PATH=${OUTPOST_KUBECONFIG:-/etc/rancher/k3s/k3s.yaml}
[ -r "$KUBECONFIG_PATH" ] || fatal "$KUBECONFIG_PATH not found: run this on the k3s server (or set OUTPOST_KUBECONFIG)"
LIB=/usr/local/lib/outpost
STATE=/var/lib/outpost-agent
if [ ! -s "$STATE/credential.json" ] && [ -z "${OUTPOST_REGISTRATION_TOKEN:-}" ]; then
  fatal "set OUTPOST_REGISTRATION_TOKEN: copy the whole command from Outpost's Add cluster dialog"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
printf '%s\n' "$OUTPOST_AGENT_FILES" | while read -r sha path; do
  [ -n "$sha" ] || continue
  # shellcheck disable=SC2086
  curl -fsS $OUTPOST_CURL_TRUST -o "$STAGE/file" "$OUTPOST_CENTRE/api/v1/install/files/$path" || fatal "fetching $path failed"
  echo "$sha  $STAGE/file" | sha256sum -c --quiet - || fatal "$path arrived damaged (sha256 mismatch)"
  mkdir -p "$(dirname "$LIB/$path")"
  install -m 0755 "$STAGE/file" "$LIB/$path.outpost-tmp"
  mv -f "$LIB/$path.outpost-tmp" "$LIB/$path"
done
info "agent placed in $LIB"
case "$OUTPOST_CENTRE" in http://*) echo "[WARN]  $OUTPOST_CENTRE is plain http: the agent's credential and kubectl sessions will cross the network unencrypted" ;; esac

umask 077
mkdir -p /etc/outpost-agent
{
  echo "# Outpost agent settings (written by install-agent.sh; mode 0600)"
  echo "OUTPOST_SERVER=$OUTPOST_CENTRE"
  [ -n "${OUTPOST_REGISTRATION_TOKEN:-}" ] && echo "OUTPOST_REGISTRATION_TOKEN=$OUTPOST_REGISTRATION_TOKEN"
  echo "OUTPOST_KUBECONFIG=$KUBECONFIG_PATH"
  # The agent refuses a plain-http centre unless told; this install already came over one (labs only).
  case "$OUTPOST_CENTRE" in http://*) echo "OUTPOST_INSECURE_PLAIN_HTTP=1" ;; esac
  if [ -n "$OUTPOST_CENTRE_CA" ]; then
    printf '%s\n' "$OUTPOST_CENTRE_CA" >/etc/outpost-agent/centre-ca.pem
    echo "NODE_EXTRA_CA_CERTS=/etc/outpost-agent/centre-ca.pem"
  fi
} >/etc/outpost-agent/agent.env.outpost-tmp
mv -f /etc/outpost-agent/agent.env.outpost-tmp /etc/outpost-agent/agent.env
sh "$LIB/install-agent-service.sh"

i=0
while [ ! -s "$STATE/credential.json" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
[ -s "$STATE/credential.json" ] || fatal "the agent has not registered within 60 s; see /var/log/outpost-agent.log or journalctl -u outpost-agent"
info "registered: the cluster shows up in Outpost"
