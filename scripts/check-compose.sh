#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose 1.29 checks keys,
# types and YAML against the Compose schema (`config -q`, exit 1 with the reason). The variables
# the file requires are given placeholder values here.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker-compose >/dev/null 2>&1 || {
  echo "check-compose: docker-compose is not installed (sudo apt-get install -y --no-install-recommends docker-compose)" >&2
  exit 1
}
OUTPOST_ADMIN_PASSWORD=${OUTPOST_ADMIN_PASSWORD:-placeholder-for-config-check} \
  docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid"
