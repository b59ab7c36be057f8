/**
 * The baseline of bench:bundle: Debian's OpenSSH server inside a test device's network namespace
 * and a plain `scp` of the same files from the hub, over the same (degraded) link.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Device } from "../../../tests/support/netns";

export interface ScpTarget {
  /** Copies the files into a fresh directory on the device; resolves with the seconds it took. */
  copy(files: string[]): Promise<number>;
  stop(): Promise<void>;
}

const PORT = 2222;

export async function startScpTarget(device: Device): Promise<ScpTarget> {
  const dir = mkdtempSync(join(tmpdir(), "outpost-bench-sshd-"));
  for (const name of ["host_key", "client_key"]) execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, name)]);
  writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "client_key.pub")));
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `Port ${PORT}`,
      `ListenAddress ${device.deviceAddress}`,
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      // The keys live under /tmp, which StrictModes refuses (see ENVIRONMENT.md).
      "StrictModes no",
      "PidFile none",
      "Subsystem sftp internal-sftp",
    ].join("\n") + "\n",
  );
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const sshd: ChildProcess = device.exec("/usr/sbin/sshd", ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  sshd.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start in ${device.name}:\n${log}`)), 10_000);
    const check = () => {
      if (/Server listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    sshd.stderr?.on("data", check);
    sshd.once("exit", (code) => reject(new Error(`sshd exited (${code}):\n${log}`)));
  });
  let round = 0;
  return {
    async copy(files) {
      const target = join(dir, `copy-${++round}`);
      mkdirSync(target);
      const started = performance.now();
      execFileSync("scp", ["-q", "-i", join(dir, "client_key"), "-P", String(PORT), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", ...files, `root@${device.deviceAddress}:${target}/`], { stdio: "inherit" });
      const seconds = (performance.now() - started) / 1000;
      rmSync(target, { recursive: true, force: true });
      return seconds;
    },
    async stop() {
      sshd.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
