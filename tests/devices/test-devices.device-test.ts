// The test devices themselves (tests/support/devices): separate machines as far as a provisioner
// can tell. Run with `sudo -E bash scripts/device-tests.sh tests/devices/test-devices.device-test.ts`.
import { existsSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../support/netns";
import { createTestDevice, destroyAllTestDevices, type TestDevice } from "../support/devices/create-test-device";
import { generateSshKey, type SshKeyPair } from "../support/devices/generate-ssh-key";

let a: TestDevice;
let b: TestDevice;
let key: SshKeyPair;
let keyFile: string;

/** The system's OpenSSH client from the hub (where the centre runs), key login, no host key file. */
function ssh(device: TestDevice, user: string, command: string) {
  return runCommand("ssh", ["-i", keyFile, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", `${user}@${device.address}`, command], { timeoutMs: 20_000 });
}

beforeAll(async () => {
  key = await generateSshKey();
  [a, b] = await Promise.all([createTestDevice({ index: 0, hostname: "store-a" }), createTestDevice({ index: 1, hostname: "store-b", personality: "linux32" })]);
  await a.authorize("root", key.publicKey);
  await b.authorize("root", key.publicKey);
  keyFile = `${process.env.OUTPOST_HUB_STATE_DIR}/client-key`;
  writeFileSync(keyFile, key.privateKey, { mode: 0o600 });
});

afterAll(async () => {
  await destroyAllTestDevices();
});

describe("test devices", () => {
  it("answer SSH on their own address with their own hostname and architecture", async () => {
    const ra = await ssh(a, "root", "hostname; uname -m");
    expect(ra.stderr).toBe("");
    expect(ra.stdout.split("\n").slice(0, 2)).toEqual(["store-a", "x86_64"]);
    const rb = await ssh(b, "root", "hostname; uname -m");
    expect(rb.stdout.split("\n").slice(0, 2)).toEqual(["store-b", "i686"]);
  });

  it("keep what is written to /etc/rancher, /var/lib/rancher and /usr/local/bin to themselves", async () => {
    const marker = `marker-${Date.now()}`;
    const r = await ssh(a, "root", `mkdir -p /etc/rancher/k3s /var/lib/rancher/k3s && echo ${marker} | tee /etc/rancher/k3s/config.yaml /var/lib/rancher/k3s/m /usr/local/bin/m >/dev/null`);
    expect(r.code).toBe(0);
    expect(await a.readFile("/etc/rancher/k3s/config.yaml")).toBe(`${marker}\n`);
    expect(await b.readFile("/etc/rancher/k3s/config.yaml")).toBeNull();
    expect(existsSync("/etc/rancher/k3s/config.yaml")).toBe(false);
    expect(existsSync("/var/lib/rancher/k3s/m")).toBe(false);
    expect(existsSync("/usr/local/bin/m")).toBe(false);
  });

  it("have users of their own: one may sudo, another may not", async () => {
    await a.addUser("ops", { sudo: true, authorizedKeys: [key.publicKey] });
    await a.addUser("guest", { authorizedKeys: [key.publicKey], password: "guest-password-1" });
    expect(await ssh(a, "ops", "sudo -n id -u")).toMatchObject({ code: 0, stdout: "0\n" });
    const refused = await ssh(a, "guest", "sudo -n true");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/password is required|not in the sudoers|may not run sudo/);
    expect(existsSync("/home/ops")).toBe(false);
  });

  it("reach each other, and lose the link when it is cut", async () => {
    const probe = `exec 3<>/dev/tcp/${b.address}/22 && head -c 7 <&3`;
    expect((await a.run("bash", ["-c", probe], { timeoutMs: 5000 })).stdout).toBe("SSH-2.0");
    await b.linkDown();
    const cut = await a.run("bash", ["-c", `timeout 3 bash -c '${probe}'`], { timeoutMs: 10_000 });
    expect(cut.stdout).toBe("");
    await b.linkUp();
    expect((await a.run("bash", ["-c", probe], { timeoutMs: 5000 })).stdout).toBe("SSH-2.0");
  });

  it("get a new host key fingerprint when their host key is regenerated", async () => {
    const before = await a.hostKeyFingerprint();
    expect(before).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await a.regenerateHostKey();
    const after = await a.hostKeyFingerprint();
    expect(after).not.toBe(before);
    const scan = await runCommand("ssh-keyscan", ["-t", "ed25519", a.address], { timeoutMs: 10_000 });
    const fp = await runCommand("ssh-keygen", ["-l", "-E", "sha256", "-f", "-"], { input: scan.stdout });
    expect(fp.stdout).toContain(after);
  });
});
