#!/bin/sh
# Outpost's preflight on a device (run over SSH, as the login user; changes nothing). Prints
# key=value lines that the centre parses with ZPreflightFacts (packages/cluster-core).
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

one_line() { tr -d '\r' | head -n 1 | tr -cd '[:print:]'; }

# Is anything listening on TCP port $1 (IPv4 or IPv6)? /proc works without ss or netstat.
listening() {
  hex=$(printf ':%04X' "$1")
  awk -v p="$hex" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit found ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

echo "hostname=$(hostname | one_line)"
echo "arch=$(uname -m | one_line)"
echo "kernel=$(uname -r | one_line)"
if [ -r /etc/os-release ]; then
  . /etc/os-release
fi
echo "os_id=$(printf '%s' "${ID:-unknown}" | one_line)"
echo "os_name=$(printf '%s' "${PRETTY_NAME:-unknown}" | one_line)"
echo "uid=$(id -u)"
echo "mem_available_kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
dir=/var/lib
[ -d /var/lib/rancher ] && dir=/var/lib/rancher
echo "disk_free_kib=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')"
for port in 6443 10250; do
  if listening "$port"; then echo "port_$port=busy"; else echo "port_$port=free"; fi
done

if [ "$(id -u)" = 0 ]; then
  echo "sudo=root"; echo "sudo_message="
elif ! command -v sudo >/dev/null 2>&1; then
  echo "sudo=missing"; echo "sudo_message="
elif msg=$(sudo -n true 2>&1); then
  echo "sudo=ok"; echo "sudo_message="
else
  echo "sudo=refused"; echo "sudo_message=$(printf '%s' "$msg" | one_line)"
fi

if [ -x /usr/local/bin/k3s ]; then
  echo "k3s_version=$(/usr/local/bin/k3s --version 2>/dev/null | one_line)"
else
  echo "k3s_version="
fi
if [ -e /etc/rancher/k3s/config.yaml ]; then echo "k3s_config=yes"; else echo "k3s_config=no"; fi
if [ -d /run/systemd/system ]; then echo "init=systemd"; else echo "init=other"; fi
echo "node_version=$(node --version 2>/dev/null | one_line)"
