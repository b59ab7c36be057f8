#!/usr/bin/env bash
# Installs what `npm test` needs besides Node and npm (Debian), or — when not root — names what is
# missing and the exact command that installs it. Idempotent, and quick when all is present.
#
#   Go + gcc + libc6-dev, python3, curl, openssl   scripts/testcluster.sh build/start (Kubernetes
#                                                   parts from Go modules; kine needs cgo)
#   iproute2, util-linux (ip netns, nsenter)        the network-fault tests
#   postgresql                                      integration tests on PostgreSQL
#   chromium                                        Playwright
#   docker-compose                                  checks docker-compose.yml (no Docker engine needed)
#   sqlite3                                         reading a centre's database by hand
#
# Debian's Go is too old for the Kubernetes modules, so Go comes from the Go module proxy as the
# module golang.org/toolchain (what `go` itself fetches when it switches toolchains), unpacked
# into /usr/local/go (scripts/testcluster.sh looks there when `go` is not on PATH).
set -euo pipefail

GO_MIN=1.26.5     # the Kubernetes v1.36 modules need at least this
GO_VERSION=1.26.8 # installed when Go is missing or older
GOPROXY_URL=${GOPROXY:-https://proxy.golang.org}
GOPROXY_URL=${GOPROXY_URL%%,*}

# command (or file) → Debian package
need=()
want() { command -v "$1" >/dev/null 2>&1 || [ -e "$1" ] || need+=("$2"); }
want chromium chromium
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
want ip iproute2
want nsenter util-linux
want openssl openssl
want sqlite3 sqlite3
want curl curl
want python3 python3
want gcc gcc
want /usr/include/stdio.h libc6-dev
want /etc/ssl/certs/ca-certificates.crt ca-certificates
want docker-compose docker-compose
want /usr/sbin/sshd openssh-server; want sudo sudo # the test devices (scripts/device-tests.sh)

go_bin() { command -v go 2>/dev/null || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || true; }
go_ok() { # the Go found is at least GO_MIN
  local go have
  go=$(go_bin)
  [ -n "$go" ] || return 1
  have=$("$go" env GOVERSION 2>/dev/null) || return 1
  have=${have#go}
  [ "$(printf '%s\n%s\n' "$GO_MIN" "$have" | sort -V | head -n 1)" = "$GO_MIN" ]
}
need_go=false
go_ok || need_go=true

if [ ${#need[@]} -eq 0 ] && ! $need_go; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "missing for the tests:${need[*]:+ ${need[*]}}$($need_go && echo " Go >= $GO_MIN")" >&2
  echo "install with:  sudo bash scripts/install-prerequisites.sh" >&2
  [ ${#need[@]} -gt 0 ] && echo "  (that is: sudo apt-get install -y --no-install-recommends ${need[*]}$($need_go && echo "; and Go $GO_VERSION into /usr/local/go"))" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian starts a PostgreSQL cluster on install; the tests run their own, so stop it.
  if [[ " ${need[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
    service postgresql stop >/dev/null 2>&1 || true
  fi
fi

if $need_go; then
  arch=$(dpkg --print-architecture)
  module="golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.linux-$arch.zip"
  echo "installing Go $GO_VERSION into /usr/local/go (module golang.org/toolchain from the Go module proxy)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp/go.zip" "$GOPROXY_URL/$module"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/go.zip" "$tmp/x"
  rm -rf /usr/local/go
  mv "$tmp/x/golang.org/toolchain@v0.0.1-go$GO_VERSION.linux-$arch" /usr/local/go
  # Module zips keep no file modes (the go command sets these itself when it switches toolchains).
  chmod -R a+rX /usr/local/go
  chmod a+x /usr/local/go/bin/* /usr/local/go/pkg/tool/*/*
  /usr/local/go/bin/go version
fi
