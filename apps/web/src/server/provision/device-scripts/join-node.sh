#!/bin/sh
# Joins this machine to an Outpost-managed k3s cluster as an agent node (the one-line command of
# "Add node → Run a command"):
#
#   curl -fsSL … https://centre/api/v1/install/join-node.sh | sudo OUTPOST_JOIN_TOKEN=jnt_… sh
#
# The centre put OUTPOST_CENTRE and OUTPOST_CURL_TRUST (how curl checks the centre) above. The
# token is spent once: this trades it for a join script (the bundle's files to fetch, the k3s
# server and join token) and runs it. Running the command again on the same machine resumes.
set -eu
fatal() { echo "[ERROR] $*" >&2; exit 1; }
info() { echo "[INFO]  $*"; }

[ -n "${OUTPOST_JOIN_TOKEN:-}" ] || fatal "set OUTPOST_JOIN_TOKEN: copy the whole command from Outpost's Add node dialog"
[ "$(id -u)" = 0 ] || fatal "run as root: … | sudo OUTPOST_JOIN_TOKEN=… sh"
for tool in curl sha256sum install; do command -v "$tool" >/dev/null 2>&1 || fatal "$tool is needed"; done

STAGE=/var/lib/outpost-join
mkdir -p "$STAGE"
chmod 0700 "$STAGE"
umask 077
# The token goes to curl in a file, not on its command line.
printf 'Authorization: Bearer %s\n' "$OUTPOST_JOIN_TOKEN" >"$STAGE/claim-auth"
host=$(hostname | tr 'A-Z' 'a-z')
printf '{"hostname":"%s","arch":"%s"}' "$host" "$(uname -m)" >"$STAGE/claim.json"
info "claiming the join token at $OUTPOST_CENTRE as $host"
# shellcheck disable=SC2086 # OUTPOST_CURL_TRUST is a list of options
if ! curl -sS --fail-with-body $OUTPOST_CURL_TRUST -X POST -H @"$STAGE/claim-auth" -H 'Content-Type: application/json' \
  --data-binary @"$STAGE/claim.json" -o "$STAGE/join.sh" "$OUTPOST_CENTRE/api/v1/join/claim"; then
  rm -f "$STAGE/claim-auth"
  cat "$STAGE/join.sh" >&2 2>/dev/null || true
  echo >&2
  fatal "the centre did not hand out a join script (see its answer above)"
fi
rm -f "$STAGE/claim-auth" "$STAGE/claim.json"
sh "$STAGE/join.sh"
