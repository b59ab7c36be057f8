#!/usr/bin/env bash
# The "boot" of a test device (tests/support/devices/create-test-device.ts). Runs as root inside
# the device's own network namespace and freshly unshared mount + UTS namespaces:
#
#   device-init.sh STATE_DIR HOSTNAME
#
# Gives the device private copies of the directories a provisioner writes (overlays whose lower
# layer is the host's, upper layer in STATE_DIR), a private /run and /tmp, its own hostname and
# host key, then execs a real OpenSSH server in the foreground on port 22. Everything else (/usr,
# the repository, Node) is the host's, read-only in spirit: nothing here writes to it.
set -euo pipefail
STATE=${1:?STATE_DIR}
NAME=${2:?HOSTNAME}

# Mount events of this namespace must not reach the host (unshare --propagation private already
# did this; repeat it so the script is safe on its own).
mount --make-rprivate /

for dir in etc var/lib var/log usr/local opt home root; do
  mkdir -p "$STATE/upper/$dir" "$STATE/work/$dir"
  mount -t overlay "device-$dir" -o "lowerdir=/$dir,upperdir=$STATE/upper/$dir,workdir=$STATE/work/$dir" "/$dir"
done
mount -t tmpfs -o mode=0755,size=64m device-run /run
mount -t tmpfs -o mode=1777,size=512m device-tmp /tmp
mkdir -p /run/sshd /run/lock

hostname "$NAME"
echo "$NAME" >/etc/hostname
# sudo resolves the host name; without this line every sudo waits for a DNS timeout.
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$NAME" >/etc/hosts

# The device's own identity: one ed25519 host key (what an SSH client pins), none of the host's.
rm -f /etc/ssh/ssh_host_*
ssh-keygen -q -t ed25519 -N '' -C "root@$NAME" -f /etc/ssh/ssh_host_ed25519_key

# Keys the test harness authorizes live in the device's /etc (root-owned, 0600), one file per user:
# StrictModes stays on.
mkdir -p /etc/ssh/authorized
chmod 0755 /etc/ssh/authorized
cat >/etc/ssh/sshd_config.device <<EOF
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
AuthorizedKeysFile /etc/ssh/authorized/%u
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
MaxStartups 100:30:200
MaxSessions 64
Subsystem sftp internal-sftp
EOF
exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config.device
