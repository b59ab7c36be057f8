#!/bin/sh
# A device's join script, handed out once its join token is claimed (see join-node.sh). The
# centre put these above: OUTPOST_CENTRE, OUTPOST_CURL_TRUST, OUTPOST_SESSION (fetches the
# bundle's blobs, for two hours), OUTPOST_BLOBS ("sha256 size mode target" lines),
# OUTPOST_K3S_URL, OUTPOST_K3S_CONFIG_PATH and OUTPOST_K3S_CONFIG (holds the join token: written
# 0600, never on a command line). Each step checks before it acts, so a re-run resumes.
set -eu
fatal() { echo "[ERROR] $*" >&2; exit 1; }
info() { echo "[INFO]  $*"; }

STAGE=/var/lib/outpost-join
umask 077
printf 'Authorization: Bearer %s\n' "$OUTPOST_SESSION" >"$STAGE/session-auth"
trap 'rm -f "$STAGE/session-auth" "$STAGE/join.sh"' EXIT

printf '%s\n' "$OUTPOST_BLOBS" | while read -r sha size mode target; do
  [ -n "$sha" ] || continue
  if [ -f "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$sha" ]; then
    info "$target is already in place"
    continue
  fi
  have=$(wc -c <"$STAGE/$sha" 2>/dev/null || echo 0)
  if [ "$have" -lt "$size" ]; then
    [ "$have" -gt 0 ] && info "resuming $target at $have of $size bytes" || info "fetching $target ($size bytes)"
    # shellcheck disable=SC2086
    curl -sS --fail-with-body $OUTPOST_CURL_TRUST -H @"$STAGE/session-auth" -C - -o "$STAGE/$sha" "$OUTPOST_CENTRE/api/v1/join/blobs/$sha" ||
      fatal "fetching $target failed; run the command again to resume"
  fi
  echo "$sha  $STAGE/$sha" | sha256sum -c --quiet - || { rm -f "$STAGE/$sha"; fatal "$target arrived damaged (sha256 mismatch); run the command again"; }
  mkdir -p "$(dirname "$target")"
  install -m "$mode" "$STAGE/$sha" "$target.outpost-tmp"
  mv -f "$target.outpost-tmp" "$target"
  rm -f "$STAGE/$sha"
  info "placed $target"
done

mkdir -p "$(dirname "$OUTPOST_K3S_CONFIG_PATH")"
printf '%s' "$OUTPOST_K3S_CONFIG" >"$OUTPOST_K3S_CONFIG_PATH.outpost-tmp"
chmod 0600 "$OUTPOST_K3S_CONFIG_PATH.outpost-tmp"
mv -f "$OUTPOST_K3S_CONFIG_PATH.outpost-tmp" "$OUTPOST_K3S_CONFIG_PATH"
info "wrote $OUTPOST_K3S_CONFIG_PATH (0600)"

info "installing k3s as an agent of $OUTPOST_K3S_URL"
INSTALL_K3S_SKIP_DOWNLOAD=true INSTALL_K3S_EXEC=agent K3S_URL="$OUTPOST_K3S_URL" sh /usr/local/bin/k3s-install.sh
info "joined; Outpost shows the node once it is Ready"
