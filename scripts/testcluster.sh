#!/usr/bin/env bash
# k3s-shaped test control plane built from the upstream parts that k3s embeds
# (kine/SQLite, kube-apiserver, kube-controller-manager, kube-scheduler) plus kwok for the nodes.
# See scripts/testcluster.md.
#
#   scripts/testcluster.sh build                      build the binaries once into the cache
#   scripts/testcluster.sh start DIR [--nodes N] [--node-prefix P] [--no-helm]
#                                                     start a cluster whose state lives in DIR
#                                                     (with helm-controller and its job runner
#                                                     unless --no-helm)
#   scripts/testcluster.sh stop DIR                   stop the processes started for DIR
#   scripts/testcluster.sh node-ready DIR NODE true|false
#   scripts/testcluster.sh status DIR                 which processes of DIR are alive
#
#   OUTPOST_K8S_CACHE (default ~/.cache/outpost/k8s)  where `build` puts the binaries
#   OUTPOST_TESTCLUSTER_VERBOSE=1                     log the duration of each start phase
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
KWOK_CRDS=$CACHE_DIR/share/kwok-crds
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
# kwok's CRDs for its kubelet-like server (exec, logs, attach, port-forward), copied from the kwok
# module at build time next to the stages. kwok watches them (--enable-crds=KWOK_CRD_KINDS); the
# cluster-wide defaults are created by `start` (KWOK_DEFAULTS, kwok_default_yaml).
KWOK_CRD_FILES=(
  kustomize/crd/bases/kwok.x-k8s.io_clusterexecs.yaml
  kustomize/crd/bases/kwok.x-k8s.io_execs.yaml
  kustomize/crd/bases/kwok.x-k8s.io_clusterlogs.yaml
  kustomize/crd/bases/kwok.x-k8s.io_logs.yaml
  kustomize/crd/bases/kwok.x-k8s.io_clusterattaches.yaml
  kustomize/crd/bases/kwok.x-k8s.io_attaches.yaml
  kustomize/crd/bases/kwok.x-k8s.io_clusterportforwards.yaml
  kustomize/crd/bases/kwok.x-k8s.io_portforwards.yaml
)
KWOK_CRD_KINDS=ClusterExec,Exec,ClusterLogs,Logs,ClusterAttach,Attach,ClusterPortForward,PortForward
# Names of the processes, in start order (stop goes in reverse).
COMPONENTS=(kine kube-apiserver kube-controller-manager kube-scheduler kwok)

log() { printf '[testcluster] %s\n' "$*" >&2; }
# helm + helm-controller + the kubelet/klipper-helm stand-in live in TypeScript (scripts/testcluster/).
helm_addon() { (cd "$REPO_ROOT" && node --import tsx "$REPO_ROOT/scripts/testcluster/helm-addon.ts" "$@"); }
die() { printf '[testcluster] error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
# OUTPOST_TESTCLUSTER_VERBOSE=1 logs how long each start phase took.
phase() { [ "${OUTPOST_TESTCLUSTER_VERBOSE:-0}" = 1 ] && log "+$(( $(now_ms) - T0 )) ms: $*" || true; }

# --- build ------------------------------------------------------------------------------
have_binaries() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
}

have_kwok_files() { # the stage and CRD files copied from the kwok module
  local f
  for f in "${STAGE_FILES[@]}"; do [ -s "$STAGES/$(basename "$f")" ] || return 1; done
  for f in "${KWOK_CRD_FILES[@]}"; do [ -s "$KWOK_CRDS/$(basename "$f")" ] || return 1; done
}

# A cache built before a file was added to STAGE_FILES / KWOK_CRD_FILES only gets the files
# copied (build_locked), not a rebuild.
have_all_binaries() { have_binaries && have_kwok_files; }

# The Go toolchain of this machine kind lives in /usr/local/go; a bare CI shell may lack it on PATH.
command -v go >/dev/null 2>&1 || PATH=$PATH:/usr/local/go/bin

go_env() {
  # Builds never touch the repo: scratch modules live under the cache, GOWORK is off and the
  # local toolchain is used as is (compiles also run under `nice -n 10` with -p 2).
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
  local src=$CACHE_DIR/src/kwok out=$1
  mkdir -p "$src"
  printf 'module outpost.local/testcluster/kwok\n\ngo 1.26.0\n\nrequire sigs.k8s.io/kwok %s\n' \
    "$KWOK_VERSION" >"$src/go.mod"
  log "kwok: resolving modules"
  (cd "$src" && go_env go get "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION")
  local ld="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
  log "kwok: compiling"
  (cd "$src" && go_env CGO_ENABLED=0 nice -n 10 go build -p 2 -ldflags "$ld" -o "$out/kwok" sigs.k8s.io/kwok/cmd/kwok)
}

copy_kwok_files() { # kwok's stock stages and CRDs, from the module kwok was built from
  local kwokdir; kwokdir=$(module_dir "sigs.k8s.io/kwok@$KWOK_VERSION")
  copy_files "$kwokdir" "$STAGES" "${STAGE_FILES[@]}"
  copy_files "$kwokdir" "$KWOK_CRDS" "${KWOK_CRD_FILES[@]}"
}

copy_files() { # FROM TO FILE... : replace directory TO with the basenames of FROM/FILE...
  local from=$1 to=$2 f; shift 2
  rm -rf "$to.tmp"; mkdir -p "$to.tmp"
  for f in "$@"; do cp "$from/$f" "$to.tmp/"; done
  chmod -R u+w "$to.tmp"
  rm -rf "$to"; mv "$to.tmp" "$to"
}

build_locked() {
  have_all_binaries && return 0
  if have_binaries; then
    log "completing $CACHE_KEY: copying kwok's stage and CRD files"
    copy_kwok_files
    have_kwok_files || die "kwok files missing after the copy"
    return 0
  fi
  local t0 tmp; t0=$(now_ms); tmp=$CACHE_DIR/bin.partial
  mkdir -p "$tmp" "$CACHE_DIR/share"
  log "building $CACHE_KEY into $CACHE_DIR"
  [ -x "$tmp/kine" ] || build_kine "$tmp"
  [ -x "$tmp/kwok" ] || build_kwok "$tmp"
  have_kwok_files || copy_kwok_files
  [ -x "$tmp/kubectl" ] && [ -x "$tmp/kube-apiserver" ] && [ -x "$tmp/kube-controller-manager" ] \
    && [ -x "$tmp/kube-scheduler" ] || build_k8s "$tmp"
  local b; for b in "${BINARIES[@]}"; do [ -x "$tmp/$b" ] || die "missing $b after the build"; done
  rm -rf "$BIN"; mv "$tmp" "$BIN"
  log "built in $(( ($(now_ms) - t0) / 1000 )) s"
}

cmd_build() {
  if ! have_all_binaries; then
    command -v go >/dev/null || die "go is not installed"
    have_binaries || command -v gcc >/dev/null || die "gcc is needed for kine's cgo SQLite driver"
    mkdir -p "$CACHE_DIR"
    # One build at a time per cache key (other checkouts may share the cache).
    ( flock 9; build_locked ) 9>"$CACHE_DIR/.build.lock"
  fi
  helm_addon build >/dev/null || die "building helm and helm-controller failed"
  echo "$BIN"
}

# --- helpers for a cluster directory ------------------------------------------------------
kc() { "$BIN/kubectl" --kubeconfig "$DIR/k3s.yaml" --cache-dir "$DIR/cache/kubectl" "$@"; }

free_ports() { # N -> N free loopback TCP ports (held open together so they differ)
  if command -v python3 >/dev/null; then
    python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
  else
    node -e '
const net = require("net"); const n = +process.argv[1]; const servers = []; const ports = [];
const next = () => { if (ports.length === n) { console.log(ports.join(" ")); servers.forEach((s) => s.close()); return; }
  const s = net.createServer(); servers.push(s); s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); next(); }); };
next();' "$1"
  fi
}

wait_for() { # TIMEOUT_S DESCRIPTION COMMAND... (polls every 0.1 s; fails on a dead component)
  local timeout=$1 what=$2; shift 2
  local deadline=$(( $(now_ms) + timeout * 1000 ))
  until "$@" >/dev/null 2>&1; do
    check_alive || die "a component died while waiting for $what (see $DIR/logs)"
    [ "$(now_ms)" -lt "$deadline" ] || die "timed out after ${timeout}s waiting for $what (see $DIR/logs)"
    sleep 0.1
  done
}

pid_of() { # component -> pid if that process is alive and really is the component
  local f=$DIR/run/$1.pid pid exe
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  [ -r "/proc/$pid/cmdline" ] || return 1
  exe=$(tr '\0' '\n' <"/proc/$pid/cmdline" | head -n 1)
  [ "$(basename "$exe")" = "$1" ] || return 1
  echo "$pid"
}

check_alive() {
  local c
  for c in "${COMPONENTS[@]}"; do
    [ -f "$DIR/run/$c.pid" ] || continue
    pid_of "$c" >/dev/null || { log "$c is not running; last log lines:"; tail -n 20 "$DIR/logs/$c.log" >&2; return 1; }
  done
}

spawn() { # name args... : own session/process group, output to DIR/logs/NAME.log
  local name=$1; shift
  (
    # Drop inherited descriptors (a test runner's pipes) so the daemon holds none of them.
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    exec setsid "$BIN/$name" "$@" >"$DIR/logs/$name.log" 2>&1 </dev/null
  ) &
  local pid=$! i
  echo "$pid" >"$DIR/run/$name.pid"
  # Until the subshell has exec'd, /proc/PID is still bash: wait for the exec so that liveness
  # checks (which match the process name, to be safe from PID reuse) do not see a dead component.
  for i in $(seq 200); do
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$BIN/$name" ] && return 0
    [ -d "/proc/$pid" ] || return 0
    sleep 0.025
  done
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
https_ok() { curl -sfk --max-time 2 "$1" | grep -qx ok; }
api() { # PATH [curl args...] : request to the apiserver as system:admin (cheaper than kubectl)
  local path=$1; shift
  curl -sf --max-time 5 --cacert "$PKI/server-ca.crt" --cert "$PKI/client-admin.crt" \
    --key "$PKI/client-admin.key" "$@" "$APISERVER_URL$path"
}
apiserver_ready() { api /readyz | grep -qx ok; }
served() { # API-PATH... : the (custom) resources' list endpoints answer, i.e. their CRDs are Established
  local p
  for p in "$@"; do api "$p?limit=1" >/dev/null || return 1; done
}

# --- certificates -------------------------------------------------------------------------
# Same layout as k3s: a server CA (serving certs; its hash goes into the node token), a client
# CA (client certs of users and components), a request-header CA (aggregation front proxy) and
# a service-account key pair.
new_ca() { # name CN
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/$1.key"
  openssl req -x509 -new -key "$PKI/$1.key" -sha256 -days 3650 -subj "/CN=$2" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign" -out "$PKI/$1.crt" 2>/dev/null
}

new_cert() { # name CA subject server|client [subjectAltName]
  local name=$1 ca=$2 subj=$3 usage=$4 san=${5:-}
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/$name.key"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    [ "$usage" = server ] && echo "extendedKeyUsage=serverAuth" || echo "extendedKeyUsage=clientAuth"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } >"$PKI/$name.ext"
  openssl req -new -key "$PKI/$name.key" -subj "$subj" 2>/dev/null |
    openssl x509 -req -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -set_serial "0x$(openssl rand -hex 12)" \
      -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.ext"
}

gen_pki() {
  [ -s "$PKI/client-admin.crt" ] && return 0 # a restarted DIR keeps its identity
  mkdir -p "$PKI"; chmod 700 "$PKI"
  local ts; ts=$(date +%s)
  new_ca server-ca "k3s-server-ca@$ts"
  new_ca client-ca "k3s-client-ca@$ts"
  new_ca request-header-ca "k3s-request-header-ca@$ts"
  new_cert serving-kube-apiserver server-ca "/CN=kube-apiserver" server \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.43.0.1"
  new_cert serving-kwok server-ca "/CN=kwok" server "DNS:localhost,IP:127.0.0.1"
  new_cert client-admin client-ca "/O=system:masters/CN=system:admin" client
  new_cert client-controller client-ca "/CN=system:kube-controller-manager" client
  new_cert client-scheduler client-ca "/CN=system:kube-scheduler" client
  new_cert client-kwok client-ca "/O=system:masters/CN=system:kwok-controller" client
  new_cert client-kube-apiserver client-ca "/O=system:masters/CN=system:kube-apiserver" client
  new_cert client-auth-proxy request-header-ca "/CN=system:auth-proxy" client
  openssl genrsa -out "$PKI/service.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/service.key" -pubout -out "$PKI/service.pub" 2>/dev/null
  # A static bearer token with admin rights, for clients that prefer a token to a client cert.
  local token; token=$(openssl rand -hex 24)
  echo "$token" >"$PKI/admin-token"
  echo "$token,system:admin,system:admin,\"system:masters\"" >"$PKI/tokens.csv"
  chmod 600 "$PKI"/*.key "$PKI/admin-token" "$PKI/tokens.csv"
}

write_kubeconfig() { # file client-cert-name
  local b64='base64 -w0'
  cat >"$1" <<EOF
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: $($b64 <"$PKI/server-ca.crt")
    server: $APISERVER_URL
  name: default
contexts:
- context:
    cluster: default
    user: default
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: default
  user:
    client-certificate-data: $($b64 <"$PKI/$2.crt")
    client-key-data: $($b64 <"$PKI/$2.key")
EOF
  chmod 600 "$1"
}

nodes_yaml() { # N
  local i name role
  for ((i = 0; i < $1; i++)); do
    name=$NODE_PREFIX-$i
    role=""
    [ "$i" -eq 0 ] && role=$'\n'"    node-role.kubernetes.io/control-plane: \"true\""$'\n'"    node-role.kubernetes.io/master: \"true\""
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $name
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
    k3s.io/hostname: $name
    k3s.io/internal-ip: 127.0.0.1
  labels:
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/instance-type: k3s
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: $name
    kubernetes.io/os: linux
    node.kubernetes.io/instance-type: k3s$role
    type: kwok
status:
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    osImage: K3s test node (kwok ${KWOK_VERSION})
    kubeletVersion: $K3S_VERSION
    kubeProxyVersion: $K3S_VERSION
EOF
  done
}

pod_log_line() { # TEXT -> one line in the CRI log format (what a kubelet's runtime writes)
  printf '%s stdout F %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" "$1"
}

# kwok's cluster-wide defaults for every pod of every namespace (kwok serves them through its
# kubelet-like server; a namespaced Exec/Logs/Attach/PortForward CR named like a pod overrides
# them for that pod):
# - exec runs the command on this host, as the user who started the cluster, in DIR/exec;
# - logs and attach read DIR/pod-logs/container.log (CRI format; follow works);
# - port-forward to any pod port runs `cat` on the connection: a TCP echo.
KWOK_API=/apis/kwok.x-k8s.io/v1alpha1
KWOK_DEFAULTS=(ClusterExec:clusterexecs ClusterLogs:clusterlogs ClusterAttach:clusterattaches
  ClusterPortForward:clusterportforwards)
kwok_default_yaml() { # KIND
  printf 'apiVersion: kwok.x-k8s.io/v1alpha1\nkind: %s\nmetadata:\n  name: testcluster-default\nspec:\n' "$1"
  case "$1" in
    ClusterExec) printf '  execs:\n  - local:\n      workDir: "%s"\n' "$DIR/exec" ;;
    ClusterLogs) printf '  logs:\n  - logsFile: "%s"\n    follow: true\n' "$DIR/pod-logs/container.log" ;;
    ClusterAttach) printf '  attaches:\n  - logsFile: "%s"\n' "$DIR/pod-logs/container.log" ;;
    ClusterPortForward) printf '  forwards:\n  - command: ["cat"]\n' ;;
  esac
}

apply_kwok_defaults() { # server-side apply of the defaults; fails until their CRDs are served
  local d
  for d in "${KWOK_DEFAULTS[@]}"; do
    kwok_default_yaml "${d%%:*}" | api "$KWOK_API/${d#*:}/testcluster-default?fieldManager=testcluster&force=true" \
      -X PATCH -H "Content-Type: application/apply-patch+yaml" --data-binary @- >/dev/null || return 1
  done
  served "$KWOK_API/execs" "$KWOK_API/logs" "$KWOK_API/attaches" "$KWOK_API/portforwards"
}

# kwok's server answers a kubelet-style log request from the ClusterLogs default (any pod name
# matches it; without it kwok answers 400), over TLS checked against the server CA as the
# apiserver checks it.
kwok_serves_logs() {
  curl -sf -o /dev/null --max-time 2 --cacert "$PKI/server-ca.crt" \
    "https://127.0.0.1:$1/containerLogs/default/testcluster-probe/probe"
}

node_ready_status() { # node -> True/False/Unknown
  kc get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'
}

node_is() { [ "$(node_ready_status "$1")" = "$2" ]; }

all_nodes_ready() { # N KWOK_PORT : N kwok nodes are Ready; STALE_NODES = Ready ones on another port
  local lines
  lines=$(kc get nodes -l type=kwok -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{" "}{.status.daemonEndpoints.kubeletEndpoint.Port}{"\n"}{end}')
  STALE_NODES=$(awk -v p="$2" '$2 == "True" && $3 != p {print $1}' <<<"$lines")
  [ "$(awk '$2 == "True"' <<<"$lines" | wc -l)" -ge "$1" ]
}

# --- start / stop -----------------------------------------------------------------------
cmd_start() {
  DIR=${1:?usage: start DIR [--nodes N]}; shift
  local nodes=2 with_helm=1
  NODE_PREFIX=${OUTPOST_TESTCLUSTER_NODE_PREFIX:-edge-node}
  while [ $# -gt 0 ]; do
    case "$1" in
      --nodes) nodes=${2:?--nodes N}; shift 2 ;;
      --nodes=*) nodes=${1#--nodes=}; shift ;;
      --node-prefix) NODE_PREFIX=${2:?}; shift 2 ;;
      --no-helm) with_helm=0; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$nodes" =~ ^[0-9]+$ ]] || die "--nodes wants a number"
  [ -s "$CRD_FILE" ] || die "missing $CRD_FILE"
  command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl)"
  command -v curl >/dev/null || die "curl is needed (apt-get install curl)"
  command -v python3 >/dev/null || command -v node >/dev/null || die "python3 or node is needed to find free ports"
  T0=$(now_ms)
  if ! have_all_binaries; then
    have_binaries || log "binaries missing: building them first (cold builds take a long time)"
    cmd_build >/dev/null
  fi
  mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
  PKI=$DIR/pki
  local c
  for c in "${COMPONENTS[@]}"; do
    pid_of "$c" >/dev/null && die "$c of $DIR is already running (scripts/testcluster.sh stop $DIR)"
  done
  mkdir -p "$DIR/db" "$DIR/logs" "$DIR/run" "$DIR/exec" "$DIR/pod-logs"
  # The log that every container "writes" (ClusterLogs / ClusterAttach), in the CRI format that
  # kwok reads. Kept on a restart; tests may append lines (`kubectl logs -f` follows them).
  if [ ! -e "$DIR/pod-logs/container.log" ]; then
    pod_log_line "testcluster: simulated container log (kwok ClusterLogs, $DIR/pod-logs/container.log)" >"$DIR/pod-logs/container.log"
    pod_log_line "testcluster: append CRI lines (<RFC3339Nano time> stdout F <text>) to extend it" >>"$DIR/pod-logs/container.log"
  fi
  rm -f "$DIR/run/"*.pid "$DIR/env"
  trap 'rc=$?; if [ $rc -ne 0 ]; then log "start failed; stopping what was started"; stop_components; fi' EXIT

  gen_pki
  phase "certificates"
  local ports; read -r -a ports <<<"$(free_ports 7)"
  local p_kine=${ports[0]} p_api=${ports[1]} p_kcm=${ports[2]} p_sched=${ports[3]} p_kwok=${ports[4]} \
    p_kine_metrics=${ports[5]} p_kwok_metrics=${ports[6]}
  APISERVER_URL=https://127.0.0.1:$p_api
  write_kubeconfig "$DIR/k3s.yaml" client-admin
  write_kubeconfig "$PKI/controller.kubeconfig" client-controller
  write_kubeconfig "$PKI/scheduler.kubeconfig" client-scheduler
  write_kubeconfig "$PKI/kwok.kubeconfig" client-kwok
  # k3s's node token: K10 + sha256 of the server CA bundle + ::server: + the secret.
  if [ ! -s "$DIR/node-token" ]; then
    echo "K10$(sha256sum "$PKI/server-ca.crt" | cut -d' ' -f1)::server:$(openssl rand -hex 16)" >"$DIR/node-token"
    chmod 600 "$DIR/node-token"
  fi

  # kine: etcd API over SQLite, same DSN options as k3s's default datastore.
  spawn kine --listen-address "127.0.0.1:$p_kine" --metrics-bind-address "127.0.0.1:$p_kine_metrics" \
    --endpoint "sqlite://$DIR/db/state.db?_journal=WAL&cache=shared&_busy_timeout=30000&_txlock=immediate"
  wait_for 30 "kine" tcp_open "$p_kine"
  phase "kine up"

  spawn kube-apiserver \
    --advertise-address=127.0.0.1 --bind-address=127.0.0.1 --secure-port="$p_api" \
    --etcd-servers="http://127.0.0.1:$p_kine" --storage-backend=etcd3 \
    --tls-cert-file="$PKI/serving-kube-apiserver.crt" --tls-private-key-file="$PKI/serving-kube-apiserver.key" \
    --client-ca-file="$PKI/client-ca.crt" --token-auth-file="$PKI/tokens.csv" --anonymous-auth=false \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction --allow-privileged=true \
    --service-cluster-ip-range=10.43.0.0/16 --service-node-port-range=30000-32767 \
    --service-account-key-file="$PKI/service.pub" --service-account-signing-key-file="$PKI/service.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --api-audiences=https://kubernetes.default.svc.cluster.local,k3s \
    --kubelet-client-certificate="$PKI/client-kube-apiserver.crt" --kubelet-client-key="$PKI/client-kube-apiserver.key" \
    --kubelet-certificate-authority="$PKI/server-ca.crt" --kubelet-preferred-address-types=InternalIP \
    --profiling=false --v=1 \
    --endpoint-reconciler-type=none \
    --requestheader-client-ca-file="$PKI/request-header-ca.crt" --requestheader-allowed-names=system:auth-proxy \
    --requestheader-extra-headers-prefix=X-Remote-Extra- --requestheader-group-headers=X-Remote-Group \
    --requestheader-username-headers=X-Remote-User \
    --proxy-client-cert-file="$PKI/client-auth-proxy.crt" --proxy-client-key-file="$PKI/client-auth-proxy.key"
  wait_for 60 "kube-apiserver /readyz" apiserver_ready
  phase "kube-apiserver ready"

  spawn kube-controller-manager \
    --kubeconfig="$PKI/controller.kubeconfig" --authentication-kubeconfig="$PKI/controller.kubeconfig" \
    --authorization-kubeconfig="$PKI/controller.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$p_kcm" --leader-elect=false \
    --controllers='*,tokencleaner,-service,-route,-cloud-node-lifecycle' \
    --allocate-node-cidrs=true --cluster-cidr=10.42.0.0/16 --configure-cloud-routes=false \
    --service-cluster-ip-range=10.43.0.0/16 \
    --cluster-signing-kube-apiserver-client-cert-file="$PKI/client-ca.crt" \
    --cluster-signing-kube-apiserver-client-key-file="$PKI/client-ca.key" \
    --cluster-signing-kubelet-client-cert-file="$PKI/client-ca.crt" \
    --cluster-signing-kubelet-client-key-file="$PKI/client-ca.key" \
    --cluster-signing-kubelet-serving-cert-file="$PKI/server-ca.crt" \
    --cluster-signing-kubelet-serving-key-file="$PKI/server-ca.key" \
    --cluster-signing-legacy-unknown-cert-file="$PKI/server-ca.crt" \
    --cluster-signing-legacy-unknown-key-file="$PKI/server-ca.key" \
    --root-ca-file="$PKI/server-ca.crt" --service-account-private-key-file="$PKI/service.key" \
    --use-service-account-credentials=true --terminated-pod-gc-threshold=1000 --profiling=false --v=1 \
    --kube-api-qps=200 --kube-api-burst=400

  spawn kube-scheduler \
    --kubeconfig="$PKI/scheduler.kubeconfig" --authentication-kubeconfig="$PKI/scheduler.kubeconfig" \
    --authorization-kubeconfig="$PKI/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$p_sched" --leader-elect=false --profiling=false --v=1

  # CRDs (HelmChart + kwok's) and nodes in one call; kwok's CRDs must be Established and its
  # cluster-wide defaults exist before kwok starts, so that its first list already sees them.
  nodes_yaml "$nodes" | kc apply --server-side --field-manager=testcluster --force-conflicts \
    -f "$CRD_FILE" -f "$KWOK_CRDS" -f - >/dev/null
  phase "CRDs and nodes applied"
  wait_for 60 "kwok's CRDs and defaults" apply_kwok_defaults
  phase "kwok exec/logs/attach/port-forward defaults applied"

  # kwok plays the kubelets of the nodes annotated kwok.x-k8s.io/node=fake, with kwok's stock
  # stages: node-fast (+ lease heartbeats), pod-fast, and node-not-ready for `node-ready`. Its
  # kubelet-like HTTPS server (127.0.0.1:PORT_KWOK, serving cert from the server CA) answers the
  # apiserver's exec/attach/logs/port-forward calls from the kwok CRs (see kwok_default_yaml).
  # The pods of helm-controller's Jobs are left to the kubelet stand-in (helm-addon start).
  helm_addon kwok-stages "$DIR/kwok.yaml" "${STAGE_FILES[@]/#*\//$STAGES/}"
  spawn kwok \
    --kubeconfig="$PKI/kwok.kubeconfig" --config="$DIR/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-lease-duration-seconds=40 --node-ip=127.0.0.1 --node-port="$p_kwok" \
    --server-address="127.0.0.1:$p_kwok" --tls-cert-file="$PKI/serving-kwok.crt" \
    --tls-private-key-file="$PKI/serving-kwok.key" --cidr=10.42.0.1/16 \
    --enable-crds="$KWOK_CRD_KINDS" --v=INFO

  wait_for 30 "kube-controller-manager /healthz" https_ok "https://127.0.0.1:$p_kcm/healthz"
  wait_for 30 "kube-scheduler /healthz" https_ok "https://127.0.0.1:$p_sched/healthz"
  phase "controller-manager and scheduler healthy"
  wait_for 60 "$nodes Ready node(s)" all_nodes_ready "$nodes" "$p_kwok"
  # A restarted DIR keeps Ready nodes that still advertise the previous kwok port (kwok only
  # rewrites daemonEndpoints when a node turns Ready or on its 10-minute heartbeat): point them
  # at this run's port, or the apiserver would send exec/logs/port-forward to a dead port.
  local n
  for n in $STALE_NODES; do
    kc patch node "$n" --subresource=status --type=merge \
      -p "{\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":$p_kwok}}}}" >/dev/null
  done
  phase "nodes Ready"
  # kwok's server is up and has loaded the ClusterLogs default (its other CR informers start
  # together with that one, from CRs that existed before kwok started).
  wait_for 30 "kwok server" kwok_serves_logs "$p_kwok"
  phase "kwok server answers"
  # Pods can only be created once the controller-manager made the namespace's ServiceAccount.
  wait_for 60 "the default ServiceAccount" api /api/v1/namespaces/default/serviceaccounts/default
  phase "default ServiceAccount"
  wait_for 60 "HelmChart CRDs Established" served /apis/helm.cattle.io/v1/helmcharts /apis/helm.cattle.io/v1/helmchartconfigs
  # k3s's helm-controller and the stand-in that runs its install Jobs with a real helm.
  local helm_env=""
  if [ "$with_helm" = 1 ]; then
    helm_env=$(helm_addon start "$DIR" "$APISERVER_URL") || die "helm-controller did not start (see $DIR/logs/helm-controller.log, helm-job-runner.log)"
    phase "helm-controller and the job runner started"
  fi

  local pids="" node_list="" i
  for c in "${COMPONENTS[@]}" helm-controller helm-job-runner; do
    [ -s "$DIR/run/$c.pid" ] && pids+="${pids:+ }$(cat "$DIR/run/$c.pid")"
  done
  for ((i = 0; i < nodes; i++)); do node_list+="${node_list:+ }$NODE_PREFIX-$i"; done
  {
    echo "# scripts/testcluster.sh start $DIR ($(date -u +%Y-%m-%dT%H:%M:%SZ)); load with: set -a; . $DIR/env; set +a"
    echo "TESTCLUSTER_DIR=\"$DIR\""
    echo "KUBECONFIG=\"$DIR/k3s.yaml\""
    echo "APISERVER_URL=\"$APISERVER_URL\""
    echo "APISERVER_PORT=\"$p_api\""
    echo "CA_CERT=\"$PKI/server-ca.crt\""
    echo "ADMIN_TOKEN=\"$(cat "$PKI/admin-token")\""
    echo "NODE_TOKEN=\"$(cat "$DIR/node-token")\""
    echo "NODE_TOKEN_FILE=\"$DIR/node-token\""
    echo "KINE_URL=\"http://127.0.0.1:$p_kine\""
    echo "K8S_VERSION=\"$K8S_VERSION\""
    echo "K3S_VERSION=\"$K3S_VERSION\""
    echo "KINE_VERSION=\"$KINE_VERSION\""
    echo "KWOK_VERSION=\"$KWOK_VERSION\""
    echo "TESTCLUSTER_BIN=\"$BIN\""
    echo "KUBECTL=\"$BIN/kubectl\""
    echo "NODES=\"$node_list\""
    echo "PIDS=\"$pids\""
    for c in "${COMPONENTS[@]}"; do
      local key=${c//-/_}; echo "PID_${key^^}=\"$(cat "$DIR/run/$c.pid")\""
    done
    echo "PORT_KINE=\"$p_kine\""
    echo "PORT_KUBE_CONTROLLER_MANAGER=\"$p_kcm\""
    echo "PORT_KUBE_SCHEDULER=\"$p_sched\""
    echo "PORT_KWOK=\"$p_kwok\""
    echo "POD_LOG_FILE=\"$DIR/pod-logs/container.log\""
    echo "EXEC_DIR=\"$DIR/exec\""
    [ -z "$helm_env" ] || echo "$helm_env"
  } >"$DIR/env"
  trap - EXIT
  log "ready in $(( $(now_ms) - T0 )) ms: $APISERVER_URL, $nodes node(s); KUBECONFIG=$DIR/k3s.yaml"
  echo "$DIR/env"
}

running() { # pid -> true while it runs (a zombie that nobody reaped yet counts as ended)
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

stop_components() {
  # The datastore goes last: kube-apiserver's shutdown hooks still write to it, and a kine that
  # is already closing can leave the apiserver hanging until it is killed.
  local i others=()
  # helm-controller and the job runner talk to the apiserver: they go first.
  if [ -e "$DIR/run/helm-controller.pid" ] || [ -e "$DIR/run/helm-job-runner.pid" ]; then
    helm_addon stop "$DIR" || log "stopping helm-controller / the job runner failed"
  fi
  for ((i = ${#COMPONENTS[@]} - 1; i >= 1; i--)); do others+=("${COMPONENTS[$i]}"); done
  stop_group "${others[@]}"
  stop_group "${COMPONENTS[0]}"
  rm -f "$DIR/run/"*.pid
}

stop_group() { # component... : TERM their process groups, wait up to 10 s, then KILL
  local c pid pids=()
  for c in "$@"; do
    if pid=$(pid_of "$c"); then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$(( $(now_ms) + 10000 ))
  for pid in "${pids[@]}"; do
    while running "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.1; done
    if running "$pid"; then
      log "pid $pid did not stop within 10 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cmd_stop() {
  DIR=${1:?usage: stop DIR}
  [ -d "$DIR" ] || die "no such directory: $DIR"
  DIR=$(cd "$DIR" && pwd)
  stop_components
  log "stopped $DIR"
}

cmd_status() {
  DIR=${1:?usage: status DIR}
  DIR=$(cd "$DIR" && pwd)
  local c pid rc=0
  for c in "${COMPONENTS[@]}"; do
    if pid=$(pid_of "$c"); then echo "$c running pid $pid"; else echo "$c stopped"; rc=1; fi
  done
  if grep -q '^PID_HELM_CONTROLLER=' "$DIR/env" 2>/dev/null; then helm_addon status "$DIR" || rc=1; fi
  return $rc
}

cmd_node_ready() {
  DIR=${1:?usage: node-ready DIR NODE true|false}; local node=${2:?NODE} want=${3:?true|false}
  DIR=$(cd "$DIR" && pwd)
  [ -s "$DIR/k3s.yaml" ] || die "$DIR has no k3s.yaml: was it started?"
  # kwok's node-not-ready stage (weight 10000) keeps posting Ready=False for a labelled node;
  # without the label, node-fast's node-initialize stage turns it Ready again.
  case "$want" in
    false) kc label node "$node" node-not-ready.stage.kwok.x-k8s.io=true --overwrite >/dev/null
      wait_for 30 "$node NotReady" node_is "$node" False ;;
    true) kc label node "$node" node-not-ready.stage.kwok.x-k8s.io- >/dev/null 2>&1 || true
      wait_for 30 "$node Ready" node_is "$node" True ;;
    *) die "node-ready wants true or false" ;;
  esac
  log "$node Ready=$(node_ready_status "$node")"
}

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
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

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
