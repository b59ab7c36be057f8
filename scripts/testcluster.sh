#!/usr/bin/env bash
# k3s-shaped test control plane built from the upstream parts that k3s embeds.
# See scripts/testcluster.md.
#
#   scripts/testcluster.sh build                        build the binaries once into the cache
#   scripts/testcluster.sh start DIR [--nodes N]        start a cluster whose state lives in DIR
#   scripts/testcluster.sh stop DIR                     stop the processes started for DIR
#   scripts/testcluster.sh node-ready DIR NODE true|false
#   scripts/testcluster.sh status DIR                   show which processes of DIR are alive
set -euo pipefail

# --- pinned versions -------------------------------------------------------------------
# k3s vX.Y.Z+k3s1 embeds upstream Kubernetes vX.Y.Z; the staging modules are v0.Y.Z.
K8S_VERSION=v1.36.3
K3S_VERSION=${K8S_VERSION}+k3s1
KINE_VERSION=v0.17.5
KWOK_VERSION=v0.8.0

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CRD_FILE=$REPO_ROOT/deploy/crds/helm.cattle.io.yaml
CACHE_ROOT=${OUTPOST_K8S_CACHE:-$HOME/.cache/outpost/k8s}
CACHE_KEY=${K8S_VERSION}-kine${KINE_VERSION#v}-kwok${KWOK_VERSION#v}
CACHE_DIR=$CACHE_ROOT/$CACHE_KEY
BIN=$CACHE_DIR/bin
STAGES=$CACHE_DIR/share/kwok-stages
BINARIES=(kine kube-apiserver kube-controller-manager kube-scheduler kwok kubectl)
# kwok's stock stages (copied from the kwok module at build time): node-fast + heartbeat with
# leases, pod-fast, and the node-not-ready chaos stage used by `node-ready`.
STAGE_FILES=(
  kustomize/stage/node/fast/node-initialize.yaml
  kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml
  kustomize/stage/node/chaos/node-not-ready.yaml
  kustomize/stage/pod/fast/pod-ready.yaml
  kustomize/stage/pod/fast/pod-complete.yaml
  kustomize/stage/pod/fast/pod-delete.yaml
)
# Names of the processes, in start order (stop goes in reverse).
COMPONENTS=(kine kube-apiserver kube-controller-manager kube-scheduler kwok)

log() { printf '[testcluster] %s\n' "$*" >&2; }
die() { printf '[testcluster] error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# --- build ------------------------------------------------------------------------------
have_all_binaries() {
  local b f
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
  for f in "${STAGE_FILES[@]}"; do [ -s "$STAGES/$(basename "$f")" ] || return 1; done
}

go_env() {
  # Builds never touch the repo: scratch modules live under the cache, GOWORK is off, the
  # local toolchain is used as is, and everything runs niced.
  env GOWORK=off GOTOOLCHAIN=local GOFLAGS="-trimpath -buildvcs=false -mod=mod" "$@"
}

module_dir() { # module@version -> directory in the module cache (downloads it if needed)
  go_env go mod download -json "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error")))'
}

build_k8s() {
  local src=$CACHE_DIR/src/k8s out=$1 minor stagever kmod m date
  minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  stagever=v0.${K8S_VERSION#v1.}
  mkdir -p "$src"
  kmod=$(module_dir "k8s.io/kubernetes@$K8S_VERSION")
  {
    echo "module outpost.local/testcluster/k8s"
    echo
    echo "go 1.26.0"
    echo
    echo "godebug default=go1.26"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    # Every staging module that k8s.io/kubernetes replaces with ./staging/src/... is pinned to
    # its published v0.x twin.
    for m in $(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$kmod/go.mod"); do
      echo "	$m => $m $stagever"
    done
    echo ")"
  } >"$src/go.mod"
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local ld="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ld+=" -X $p.gitTreeState=clean -X $p.buildDate=$date -X $p.gitCommit="
  done
  local pkgs=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  log "k8s: resolving modules for ${pkgs[*]}"
  (cd "$src" && go_env go get "${pkgs[@]/%/@$K8S_VERSION}")
  log "k8s: compiling (this is the long part)"
  (cd "$src" && go_env CGO_ENABLED=0 nice -n 10 go build -p 2 -ldflags "$ld" -o "$out/" "${pkgs[@]}")
}

build_kine() {
  local src=$CACHE_DIR/src/kine out=$1
  mkdir -p "$src"
  printf 'module outpost.local/testcluster/kine\n\ngo 1.26.0\n\nrequire github.com/k3s-io/kine %s\n' \
    "$KINE_VERSION" >"$src/go.mod"
  log "kine: resolving modules"
  (cd "$src" && go_env go get "github.com/k3s-io/kine@$KINE_VERSION")
  # Same SQLite options and tags as kine's own scripts/build (cgo mattn/go-sqlite3, which is
  # what k3s uses), minus the NATS backend that we do not need.
  local cflags="-DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_DISABLE_INTRINSIC -DSQLITE_ENABLE_COLUMN_METADATA
    -DSQLITE_ENABLE_DBPAGE_VTAB -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS
    -DSQLITE_ENABLE_MEMORY_MANAGEMENT -DSQLITE_ENABLE_OFFSET_SQL_FUNC -DSQLITE_ENABLE_PREUPDATE_HOOK
    -DSQLITE_ENABLE_RBU -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_SNAPSHOT
    -DSQLITE_ENABLE_STAT4 -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_LIKE_DOESNT_MATCH_BLOBS
    -DSQLITE_THREADSAFE=1 -DSQLITE_WITHOUT_ZONEMALLOC"
  local tags=sqlite_unlock_notify,sqlite_vtable,sqlite_stat4,sqlite_preupdate_hook,sqlite_math_functions,sqlite_dbstat,sqlite_column_metadata
  local ld="-s -w -X github.com/k3s-io/kine/pkg/version.Version=$KINE_VERSION -X github.com/k3s-io/kine/pkg/version.GitCommit="
  log "kine: compiling (cgo, SQLite)"
  (cd "$src" && go_env CGO_ENABLED=1 CGO_CFLAGS="$(echo $cflags)" nice -n 10 go build -p 2 -tags "$tags" \
    -ldflags "$ld" -o "$out/kine" github.com/k3s-io/kine)
}

build_kwok() {
  local src=$CACHE_DIR/src/kwok out=$1 kwokdir f
  mkdir -p "$src"
  printf 'module outpost.local/testcluster/kwok\n\ngo 1.26.0\n\nrequire sigs.k8s.io/kwok %s\n' \
    "$KWOK_VERSION" >"$src/go.mod"
  log "kwok: resolving modules"
  (cd "$src" && go_env go get "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION")
  local ld="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
  log "kwok: compiling"
  (cd "$src" && go_env CGO_ENABLED=0 nice -n 10 go build -p 2 -ldflags "$ld" -o "$out/kwok" sigs.k8s.io/kwok/cmd/kwok)
  kwokdir=$(module_dir "sigs.k8s.io/kwok@$KWOK_VERSION")
  mkdir -p "$STAGES.tmp"
  for f in "${STAGE_FILES[@]}"; do cp "$kwokdir/$f" "$STAGES.tmp/"; done
  chmod -R u+w "$STAGES.tmp"
  rm -rf "$STAGES"; mv "$STAGES.tmp" "$STAGES"
}

cmd_build() {
  if have_all_binaries; then echo "$BIN"; return 0; fi
  command -v go >/dev/null || die "go is not installed"
  command -v gcc >/dev/null || die "gcc is needed for kine's cgo SQLite driver"
  mkdir -p "$CACHE_DIR"
  # One build at a time per cache key (other checkouts may share the cache).
  exec 9>"$CACHE_DIR/.build.lock"
  flock 9
  if have_all_binaries; then echo "$BIN"; return 0; fi
  local t0 tmp; t0=$(now_ms); tmp=$CACHE_DIR/bin.partial
  mkdir -p "$tmp" "$CACHE_DIR/share"
  log "building $CACHE_KEY into $CACHE_DIR (logs: stderr)"
  [ -x "$tmp/kine" ] || build_kine "$tmp"
  [ -x "$tmp/kwok" ] && [ -d "$STAGES" ] || build_kwok "$tmp"
  [ -x "$tmp/kubectl" ] && [ -x "$tmp/kube-apiserver" ] && [ -x "$tmp/kube-controller-manager" ] \
    && [ -x "$tmp/kube-scheduler" ] || build_k8s "$tmp"
  local b; for b in "${BINARIES[@]}"; do [ -x "$tmp/$b" ] || die "missing $b after the build"; done
  rm -rf "$BIN"; mv "$tmp" "$BIN"
  log "built in $(( ($(now_ms) - t0) / 1000 )) s"
  echo "$BIN"
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd=${1:-}; shift || true
  case "$cmd" in
    build) cmd_build "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    node-ready) cmd_node_ready "$@" ;;
    *) usage ;;
  esac
}

main "$@"
