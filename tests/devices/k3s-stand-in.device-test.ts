// The k3s stand-in of the test bundle keeps k3s's contract: install.sh's environment, `k3s server`
// with its files and :6443, `k3s agent` joining with the node-token, a wrong token refused.
// Run with `sudo -E bash scripts/device-tests.sh tests/devices/k3s-stand-in.device-test.ts`.
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDevice, destroyAllTestDevices, type TestDevice } from "../support/devices/create-test-device";
import { buildK3sStandIn } from "../support/test-bundle/create-test-bundle";
import { REPO_DIR } from "../support/paths";

let server: TestDevice;
let agent: TestDevice;
let stranger: TestDevice;

/** What a provisioner does: place the k3s binary and install script, then run the script as root. */
async function place(d: TestDevice, k3s: string): Promise<void> {
  await d.writeFile("/usr/local/bin/k3s", readFileSync(k3s, "utf8"), "0755");
  await d.writeFile("/usr/local/bin/k3s-install.sh", readFileSync(join(REPO_DIR, "tests/support/k3s-stand-in/install.sh"), "utf8"), "0755");
}

const install = (d: TestDevice, env: string[]) => d.run("env", [...env, "INSTALL_K3S_SKIP_DOWNLOAD=true", "sh", "/usr/local/bin/k3s-install.sh"], { timeoutMs: 240_000 });
const kubectl = (args: string[]) => server.runOk("k3s", ["kubectl", ...args], { timeoutMs: 30_000 });

beforeAll(async () => {
  const k3s = join(mkdtempSync(join(process.env.OUTPOST_HUB_STATE_DIR!, "k3s-")), "k3s");
  await buildK3sStandIn(k3s);
  [server, agent, stranger] = await Promise.all([
    createTestDevice({ index: 20, hostname: "depot-server" }),
    createTestDevice({ index: 21, hostname: "depot-agent" }),
    createTestDevice({ index: 22, hostname: "depot-stranger" }),
  ]);
  await Promise.all([place(server, k3s), place(agent, k3s), place(stranger, k3s)]);
});

afterAll(async () => {
  await Promise.all([server, agent, stranger].map((d) => d?.run("/usr/local/bin/k3s-killall.sh", [], { timeoutMs: 60_000 })));
  await destroyAllTestDevices();
});

describe("the k3s stand-in", () => {
  it("installs a server from config.yaml: k3s.yaml, token files, the node Ready, :6443 answering", async () => {
    await server.writeFile("/etc/rancher/k3s/config.yaml", 'write-kubeconfig-mode: "0600"\ntls-san:\n  - "depot.example.com"\nnode-label:\n  - "tier=depot"\n', "0600");
    const r = await install(server, ["INSTALL_K3S_EXEC=server"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain("[INFO]  k3s is running");
    expect(await server.readFile("/var/lib/rancher/k3s/server/node-token")).toMatch(/^K10[0-9a-f]{64}::server:[0-9a-f]{32}\n$/);
    expect(await server.runOk("stat", ["-c", "%a", "/etc/rancher/k3s/k3s.yaml", "/var/lib/rancher/k3s/server/token"])).toBe("600\n600\n");
    expect(await server.readFile("/etc/rancher/k3s/k3s.yaml")).toContain("server: https://127.0.0.1:6443");
    expect(await kubectl(["get", "node", "depot-server", "-o", "jsonpath={.metadata.labels.tier} {.status.conditions[?(@.type==\"Ready\")].status}"])).toBe("depot True");
    expect(await server.runOk("curl", ["-sk", "https://127.0.0.1:6443/ping"])).toBe("pong");
    // Another device reaches :6443 by the server's address, under a certificate the cluster CA signed for it.
    await agent.writeFile("/tmp/server-ca.pem", (await server.readFile("/var/lib/rancher/k3s/server/stand-in/pki/server-ca.crt"))!);
    expect(await agent.runOk("curl", ["-sS", "--cacert", "/tmp/server-ca.pem", `https://${server.address}:6443/ping`])).toBe("pong");
  });

  it("joins an agent with K3S_URL and the node-token: its node is registered under its host name and Ready", async () => {
    const token = (await server.readFile("/var/lib/rancher/k3s/server/node-token"))!.trim();
    await agent.writeFile("/etc/rancher/k3s/config.yaml", `token: ${JSON.stringify(token)}\n`, "0600");
    const r = await install(agent, ["INSTALL_K3S_EXEC=agent", `K3S_URL=https://${server.address}:6443`]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const ps = await agent.processArgs();
    expect(ps.some((args) => args.endsWith("/usr/local/bin/k3s agent"))).toBe(true);
    expect(ps.some((args) => args.includes(token))).toBe(false);
    expect(await kubectl(["get", "node", "depot-agent", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"])).toBe("True");
  });

  it("refuses a wrong token: the install fails with the reason and no node is registered", async () => {
    const token = (await server.readFile("/var/lib/rancher/k3s/server/node-token"))!.trim().replace(/:[0-9a-f]{32}$/, `:${"0".repeat(32)}`);
    const r = await install(stranger, ["INSTALL_K3S_EXEC=agent", `K3S_URL=https://${server.address}:6443`, `K3S_TOKEN=${token}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("401 Unauthorized: the token is not valid for this server");
    expect((await server.run("k3s", ["kubectl", "get", "node", "depot-stranger"])).code).not.toBe(0);
  });

  it("refuses a token whose CA hash does not match the server", async () => {
    const token = (await server.readFile("/var/lib/rancher/k3s/server/node-token"))!.trim().replace(/^K10[0-9a-f]{64}/, `K10${"a".repeat(64)}`);
    const r = await install(stranger, ["INSTALL_K3S_EXEC=agent", `K3S_URL=https://${server.address}:6443`, `K3S_TOKEN=${token}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("token CA hash does not match the Cluster CA certificate hash");
  });
});
