// Provisioning over SSH against test devices (network + mount namespaces with a real sshd; the
// test bundle's k3s is the stand-in with the real test control plane behind it). Run with
// `sudo -E bash scripts/device-tests.sh tests/devices/provision-over-ssh.device-test.ts`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { AuditEventView, ClusterDetail, CreateDeviceRequest, DeviceCreated, JobDetail, JoinTokenCreated, RegistrationTokenCreated } from "@outpost/cluster-core";
import { eventually } from "../support/eventually";
import { createTestDevice, destroyAllTestDevices, type TestDevice } from "../support/devices/create-test-device";
import { generateSshKey, type SshKeyPair } from "../support/devices/generate-ssh-key";
import { startProvisioningCentre, type ProvisioningCentre } from "../support/devices/provisioning-centre";

let pc: ProvisioningCentre;
let key: SshKeyPair;
let siteId: string;
let server: TestDevice;
let clusterId: string;

const stepOf = (job: JobDetail, name: string) => job.steps.find((s) => s.name === name)!;
const readyNodes = async () => (await pc.admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${clusterId}`)).nodes.filter((n) => n.ready).map((n) => n.name).sort();

/** A fresh device that root can log in to with the test key. */
async function device(index: number, hostname: string, opts: { personality?: "linux32" } = {}): Promise<TestDevice> {
  const d = await createTestDevice({ index, hostname, ...opts });
  await d.authorize("root", key.publicKey);
  return d;
}

/** Adds the device as an agent of the test cluster over SSH. */
function join(d: TestDevice, request: Partial<CreateDeviceRequest> = {}): Promise<DeviceCreated> {
  return pc.addDevice(d, key, { siteId, target: { role: "agent", clusterId }, ...request });
}

beforeAll(async () => {
  key = await generateSshKey("outpost-centre");
  pc = await startProvisioningCentre();
  siteId = await pc.site("harbour");
  server = await device(0, "harbour-k3s");
});

afterAll(async () => {
  await destroyAllTestDevices();
  await pc?.close();
});

describe("provisioning a k3s server over SSH", () => {
  it("turns a bare device into an online cluster whose node is Ready, with secrets only in 0600 files", async () => {
    const created = await pc.addDevice(server, key, { siteId, target: { role: "server", clusterName: "harbour" }, k3s: { disable: ["traefik", "servicelb"], tlsSan: ["k3s.harbour.example.com"] } });
    expect(JSON.stringify(created)).not.toContain("PRIVATE KEY");
    const job = await pc.waitJob(created.job!.id);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.steps.map((s) => [s.name, s.status])).toEqual([
      ["connect", "succeeded"], ["preflight", "succeeded"], ["upload", "succeeded"], ["configure", "succeeded"],
      ["install-k3s", "succeeded"], ["install-agent", "succeeded"], ["wait-agent", "succeeded"], ["wait-node", "succeeded"],
    ]);
    const device = await pc.device(created.device.id);
    expect(device.hostKey?.fingerprint).toBe(await server.hostKeyFingerprint());
    expect(job.logs.map((l) => l.message)).toContain(`first contact: pinned host key ${device.hostKey!.fingerprint} (ssh-ed25519)`);
    clusterId = device.clusterId!;
    // Connected at once; "degraded" until a few quick heartbeats on a busy machine, then online.
    const cluster = await eventually(() => pc.admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${clusterId}`), (c) => c.status === "online", "harbour online", 60_000);
    expect(cluster.name).toBe("harbour");
    expect(cluster.nodes).toEqual([expect.objectContaining({ name: "harbour-k3s", ready: true })]);

    // k3s's real paths, on the device only; the registration token never on a command line.
    expect(await server.readFile("/etc/rancher/k3s/config.yaml")).toContain('"traefik"');
    expect((await server.runOk("stat", ["-c", "%a", "/etc/rancher/k3s/config.yaml", "/etc/outpost-agent/agent.env", "/var/lib/rancher/k3s/server/token"])).split("\n").slice(0, 3)).toEqual(["600", "600", "600"]);
    expect(await server.readFile("/var/lib/rancher/k3s/server/node-token")).toMatch(/^K10[0-9a-f]{64}::server:[0-9a-f]+\n$/);
    expect(await server.readFile("/etc/outpost-agent/agent.env")).toMatch(/^OUTPOST_REGISTRATION_TOKEN=reg_/m);
    const ps = (await server.processArgs()).join("\n");
    expect(ps).toContain("outpost-agent.mjs");
    expect(ps).not.toMatch(/reg_|K10[0-9a-f]{20}/);
    expect(JSON.stringify(job.logs)).not.toMatch(/reg_[A-Za-z0-9]|K10[0-9a-f]{20}|PRIVATE KEY/);
  });

  it("re-runs on the provisioned device without changing what is already right", async () => {
    const [dev] = await pc.admin.ok<{ id: string }[]>("GET", `/api/v1/devices?clusterId=${clusterId}`);
    const job = await pc.waitJob((await pc.admin.ok<{ id: string }>("POST", `/api/v1/devices/${dev!.id}/provision`)).id);
    expect(job.status, job.error ?? "").toBe("succeeded");
    const lines = job.logs.map((l) => l.message);
    expect(lines).toContain("k3s already runs with this bundle and configuration; not restarted");
    expect(lines.some((l) => /^\d+ of \d+ files already in place$/.test(l))).toBe(true);
    expect(lines).not.toContain("first contact: pinned host key");
    expect(await readyNodes()).toEqual(["harbour-k3s"]);
  });
});

describe("joining nodes", () => {
  it("joins a second device by SSH with the server's node-token read through the tunnel", async () => {
    const second = await device(1, "harbour-till-1");
    const created = await join(second, { k3s: { nodeLabels: { role: "till" } } });
    const job = await pc.waitJob(created.job!.id);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.steps.map((s) => s.name)).toEqual(["connect", "preflight", "upload", "configure", "install-k3s", "wait-node"]);
    expect(await second.readFile("/etc/rancher/k3s/config.yaml")).toMatch(/^server: "https:\/\/10\.79\.0\.10:6443"$/m);
    expect(await second.readFile("/usr/local/lib/outpost/outpost-agent.mjs")).toBeNull();
    expect(JSON.stringify(job.logs)).not.toMatch(/K10[0-9a-f]{20}/);
    expect(JSON.stringify(await pc.job(job.id))).not.toMatch(/K10[0-9a-f]{20}/);
    await eventually(readyNodes, (n) => n.includes("harbour-till-1"), "second node Ready", 60_000);
  });

  it("joins a third device that runs the one-line command itself, and refuses the same command on another device", async () => {
    const third = await createTestDevice({ index: 2, hostname: "harbour-till-2" });
    const created = await pc.admin.ok<JoinTokenCreated>("POST", `/api/v1/clusters/${clusterId}/join-tokens`, { nodeLabels: { role: "till" }, ttlMinutes: 15 });
    expect(created.command).toMatch(/^curl -fsSL http:\/\/10\.79\.0\.1:\d+\/api\/v1\/install\/join-node\.sh \| sudo OUTPOST_JOIN_TOKEN=jnt_[A-Za-z0-9_-]+ sh$/);
    const run = await third.run("sh", ["-c", created.command], { timeoutMs: 240_000 });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("[INFO]  joined; Outpost shows the node once it is Ready");
    const job = await pc.waitJob(created.jobId);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.logs.map((l) => l.message)).toContain("harbour-till-2 claimed the token and is fetching its bundle");
    const [claimEvent] = await pc.admin.ok<AuditEventView[]>("GET", "/api/v1/audit?limit=1000").then((events) => events.filter((e) => e.action === "join-token.claim"));
    expect(claimEvent).toMatchObject({ actorName: "device harbour-till-2", targetId: clusterId });
    expect(await readyNodes()).toEqual(["harbour-k3s", "harbour-till-1", "harbour-till-2"]);
    expect(await third.runOk("stat", ["-c", "%a", "/etc/rancher/k3s/config.yaml"])).toBe("600\n");
    expect(await third.readFile("/var/lib/outpost-join/join.sh")).toBeNull();

    const other = await createTestDevice({ index: 9, hostname: "harbour-intruder" });
    const again = await other.run("sh", ["-c", created.command], { timeoutMs: 60_000 });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("the join token was already used by harbour-till-2");
    expect(await other.readFile("/etc/rancher/k3s/config.yaml")).toBeNull();
    await other.destroy();
  });
});

describe("the Add-cluster command on a bare k3s server", () => {
  it("fetches the agent from the centre, installs it as a service with its token in a 0600 file, and the cluster comes online", async () => {
    const d = await device(10, "quay-k3s");
    // k3s set up by hand, without Outpost: the bundle's binary and install script.
    for (const role of ["k3s-binary", "install-script"] as const) {
      const blob = pc.bundle.blobs.find((b) => b.role === role)!;
      await d.writeFile(blob.target, readFileSync(blob.path, "utf8"), "0755");
    }
    expect((await d.run("env", ["INSTALL_K3S_SKIP_DOWNLOAD=true", "sh", "/usr/local/bin/k3s-install.sh"], { timeoutMs: 240_000 })).code).toBe(0);
    const site = await pc.site("quay");
    const created = await pc.admin.ok<RegistrationTokenCreated>("POST", "/api/v1/registration-tokens", { siteId: site, clusterName: "quay" });
    expect(created.installCommand).toMatch(/^curl -fsSL http:\/\/10\.79\.0\.1:\d+\/api\/v1\/install\/agent\.sh \| sudo OUTPOST_REGISTRATION_TOKEN=reg_\S+ sh$/);
    const run = await d.run("sh", ["-c", created.installCommand!], { timeoutMs: 120_000 });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("registered: the cluster shows up in Outpost");
    const clusters = await eventually(() => pc.admin.ok<ClusterDetail[]>("GET", "/api/v1/clusters"), (cs) => cs.some((c) => c.name === "quay" && c.status === "online"), "quay online", 60_000);
    const quay = clusters.find((c) => c.name === "quay")!;
    await eventually(() => pc.admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${quay.id}`), (c) => c.nodes.some((n) => n.name === "quay-k3s" && n.ready), "quay-k3s Ready", 60_000);
    expect(await d.runOk("stat", ["-c", "%a", "/etc/outpost-agent/agent.env"])).toBe("600\n");
    expect((await d.processArgs()).join("\n")).not.toContain("reg_");
    await d.run("/usr/local/bin/k3s-killall.sh", [], { timeoutMs: 60_000 });
  });
});

describe("failures stop at the right step, change nothing, and a retry finishes the job", () => {
  it("a wrong private key: refused at connect; with the right key the retry joins", async () => {
    const d = await device(3, "harbour-wrong-key");
    const other = await generateSshKey("not-authorized");
    const created = await pc.addDevice(d, other, { siteId, target: { role: "agent", clusterId } });
    const failed = await pc.waitJob(created.job!.id);
    expect(failed.status).toBe("failed");
    expect(stepOf(failed, "connect")).toMatchObject({ status: "failed", error: `authentication failed: root@${d.address}:22 refused the private key (is its public key in ~root/.ssh/authorized_keys?)` });
    expect(await d.readFile("/etc/rancher/k3s/config.yaml")).toBeNull();
    await pc.admin.ok("PATCH", `/api/v1/devices/${created.device.id}`, { auth: { method: "key", privateKey: key.privateKey } });
    await pc.admin.ok("POST", `/api/v1/jobs/${failed.id}/retry`);
    expect((await pc.waitJob(failed.id)).status).toBe("succeeded");
  });

  it("a wrong password: refused at connect; with the right password the retry joins", async () => {
    const d = await createTestDevice({ index: 4, hostname: "harbour-password" });
    await d.addUser("ops", { sudo: true, password: "the-right-password" });
    const created = await pc.addDevice(d, key, { siteId, target: { role: "agent", clusterId }, username: "ops", auth: { method: "password", password: "a-wrong-password" } });
    const failed = await pc.waitJob(created.job!.id);
    expect(stepOf(failed, "connect")).toMatchObject({ status: "failed", error: `authentication failed: ops@${d.address}:22 refused the password` });
    await pc.admin.ok("PATCH", `/api/v1/devices/${created.device.id}`, { auth: { method: "password", password: "the-right-password" } });
    await pc.admin.ok("POST", `/api/v1/jobs/${failed.id}/retry`);
    expect((await pc.waitJob(failed.id)).status).toBe("succeeded");
  });

  it("no sudo: refused at preflight with sudo's words; once allowed, the retry joins", async () => {
    const d = await createTestDevice({ index: 5, hostname: "harbour-no-sudo" });
    await d.addUser("guest", { authorizedKeys: [key.publicKey] });
    const created = await pc.addDevice(d, key, { siteId, target: { role: "agent", clusterId }, username: "guest" });
    const failed = await pc.waitJob(created.job!.id);
    expect(stepOf(failed, "connect").status).toBe("succeeded");
    expect(stepOf(failed, "preflight")).toMatchObject({ status: "failed" });
    expect(stepOf(failed, "preflight").error).toMatch(/^the user may not run sudo without a password \(sudo: .+\): allow it \(NOPASSWD\) or log in as root$/);
    expect(await d.readFile("/etc/rancher/k3s/config.yaml")).toBeNull();
    await d.writeFile("/etc/sudoers.d/guest", "guest ALL=(ALL) NOPASSWD:ALL\n", "0440");
    await pc.admin.ok("POST", `/api/v1/jobs/${failed.id}/retry`);
    const done = await pc.waitJob(failed.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(stepOf(done, "connect").attempts).toBe(1);
    expect(stepOf(done, "preflight").attempts).toBe(2);
  });

  it("an unsupported architecture (i686): refused at preflight, and again on retry, with nothing changed", async () => {
    const d = await device(6, "harbour-i686", { personality: "linux32" });
    const created = await join(d);
    const failed = await pc.waitJob(created.job!.id);
    expect(stepOf(failed, "preflight")).toMatchObject({ status: "failed", error: "unsupported architecture i686: k3s runs on amd64 (x86_64), arm64 (aarch64) and arm (armv7)" });
    await pc.admin.ok("POST", `/api/v1/jobs/${failed.id}/retry`);
    const again = await pc.waitJob(failed.id);
    expect(stepOf(again, "preflight")).toMatchObject({ status: "failed", attempts: 2 });
    expect(await d.run("ls", ["/usr/local/bin/k3s", "/etc/rancher"])).toMatchObject({ stdout: "" });
  });

  it("a changed host key: stopped at connect with both fingerprints, nothing changed; once the key is forgotten, the retry goes on", async () => {
    const d = await device(7, "harbour-rekeyed");
    const created = await join(d);
    expect((await pc.waitJob(created.job!.id)).status).toBe("succeeded");
    const pinned = (await pc.device(created.device.id)).hostKey!.fingerprint;
    const configBefore = await d.runOk("stat", ["-c", "%Y %s", "/etc/rancher/k3s/config.yaml"]);
    await d.regenerateHostKey();
    const presented = await d.hostKeyFingerprint();
    const rerun = await pc.waitJob((await pc.admin.ok<{ id: string }>("POST", `/api/v1/devices/${created.device.id}/provision`)).id);
    expect(rerun.status).toBe("failed");
    expect(stepOf(rerun, "connect").error).toBe(
      `the device's host key changed: pinned ${pinned} (ssh-ed25519), presented ${presented} (ssh-ed25519). ` +
        "Nothing was changed on the device. If it was reinstalled, forget its pinned host key and retry; otherwise the connection may be intercepted.",
    );
    expect(await d.runOk("stat", ["-c", "%Y %s", "/etc/rancher/k3s/config.yaml"])).toBe(configBefore);
    expect((await pc.device(created.device.id)).hostKey!.fingerprint).toBe(pinned);
    await pc.admin.ok("DELETE", `/api/v1/devices/${created.device.id}/host-key`);
    await pc.admin.ok("POST", `/api/v1/jobs/${rerun.id}/retry`);
    const done = await pc.waitJob(rerun.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect((await pc.device(created.device.id)).hostKey!.fingerprint).toBe(presented);
  });

  it("a link cut during the upload: fails at upload; the retry sends only what is still missing and joins", async () => {
    const d = await device(8, "harbour-flaky");
    const created = await join(d);
    await eventually(() => pc.job(created.job!.id), (j) => (stepOf(j, "upload").progress ?? 0) > 0.15, "upload under way", 60_000);
    await d.linkDown();
    const failed = await pc.waitJob(created.job!.id, ["failed"], 90_000);
    expect(stepOf(failed, "upload").status).toBe("failed");
    expect(stepOf(failed, "upload").error).toMatch(/connection to 10\.79\.0\.18 was lost/);
    await d.linkUp();
    await pc.admin.ok("POST", `/api/v1/jobs/${failed.id}/retry`);
    const done = await pc.waitJob(failed.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    // Where the cut lands depends on the machine's speed (mid-file → "resuming …", between files →
    // already staged), so the check is what both share: the retry sends less than the first attempt.
    const totals = done.logs.flatMap((l) => /^uploading \d+ file\(s\), ([\d.]+) MiB$/.exec(l.message)?.[1] ?? []).map(Number);
    expect(totals.length).toBeGreaterThanOrEqual(1);
    expect(totals[1] ?? 0).toBeLessThan(totals[0]!);
    expect(await d.runOk("sha256sum", ["/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar"])).toContain(pc.bundle.blobs.find((b) => b.role === "airgap-images")!.sha256);
  });

  it("ends with every joined node Ready", async () => {
    await eventually(readyNodes, (n) => n.length === 8, "8 nodes Ready", 60_000);
    expect(await readyNodes()).toEqual(["harbour-k3s", "harbour-no-sudo", "harbour-password", "harbour-rekeyed", "harbour-till-1", "harbour-till-2", "harbour-flaky", "harbour-wrong-key"].sort());
  });
});
