import { execFile } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleDetail, BundleView } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { AGENT_BIN } from "../support/paths";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createApiToken, filesUnder, holding, runCli, runCliOk, sha256File, tempDir, writeRandomFile } from "../support/bundles";

const MiB = 1024 * 1024;

/** Bundles end to end with the real CLI, the real centre and real agent processes. */
describe("air-gap bundles: push, assignment, transfer over the tunnel, USB import", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let cli: Record<string, string>;
  let siteId: string;
  let bundleDir: string;
  let bundle: BundleDetail;
  let expected: Record<string, string>;
  const agents: AgentProcess[] = [];
  const temps: string[] = [];
  const temp = (p: string) => {
    const d = tempDir(p);
    temps.push(d);
    return d;
  };

  /** A registered agent whose bundles land under its own --root. */
  const launch = (name: string, token: string | undefined, stateDir?: string) => {
    const root = stateDir ? join(stateDir, "root") : undefined;
    const a = startAgent({ server: centre.url, registrationToken: token ?? "unused-token-0000", simulate: name, stateDir, env: root ? { OUTPOST_ROOT: root } : {} });
    agents.push(a);
    return a;
  };
  const rootOf = (a: AgentProcess) => join(a.stateDir, "root");
  const register = async (name: string, labels: Record<string, string>) => {
    const { token } = await admin.createRegistrationToken(siteId, name, labels);
    const stateDir = temp(`agent-${name}`);
    const agent = launch(name, token, stateDir);
    const id = (await eventually(() => admin.clusters(), (cs) => cs.some((c) => c.name === name && c.status === "online"), `${name} online`, 30_000)).find((c) => c.name === name)!.id;
    return { agent, id, stateDir };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_BLOB_DIR: temp("centre-blobs") } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    cli = { OUTPOST_SERVER: centre.url, OUTPOST_TOKEN: await createApiToken(admin) };
    siteId = (await admin.createSite("bakery-9")).id;

    const src = temp("bundle-src");
    await writeRandomFile(join(src, "k3s"), 24 * MiB);
    await writeRandomFile(join(src, "k3s-airgap-images-amd64.tar"), 48 * MiB);
    await writeRandomFile(join(src, "shop-1.2.0.tgz"), 1 * MiB + 123);
    await writeRandomFile(join(src, "shop.yaml"), 2_000);
    bundleDir = join(temp("bundle-out"), "shop-base");
    await runCliOk(["bundle", "create", "--name", "shop-base", "--version", "1.0.0", "--k3s-version", "v1.36.3+k3s1", "--out", bundleDir,
      "--k3s", join(src, "k3s"), "--images", join(src, "k3s-airgap-images-amd64.tar"), "--chart", join(src, "shop-1.2.0.tgz"), "--manifest", join(src, "shop.yaml")]);
    expected = {
      "/usr/local/bin/k3s": await sha256File(join(src, "k3s")),
      "/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar": await sha256File(join(src, "k3s-airgap-images-amd64.tar")),
      "/var/lib/rancher/k3s/server/static/charts/shop-1.2.0.tgz": await sha256File(join(src, "shop-1.2.0.tgz")),
      "/var/lib/rancher/k3s/server/manifests/shop.yaml": await sha256File(join(src, "shop.yaml")),
    };
  }, 240_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it("push uploads the blobs, the centre signs the manifest and the CLI writes manifest.sig", async () => {
    const out = await runCliOk(["bundle", "push", bundleDir], cli);
    expect(out).toMatch(/0 of 4 blob\(s\) already at the centre; uploading 4/);
    const [listed] = await admin.ok<BundleView[]>("GET", "/api/v1/bundles");
    bundle = await admin.ok<BundleDetail>("GET", `/api/v1/bundles/${listed!.id}`);
    expect(bundle).toMatchObject({ name: "shop-base", version: "1.0.0", blobCount: 4, totalBytes: 73 * MiB + 123 + 2_000 });
    const key = await admin.ok<{ keyId: string }>("GET", "/api/v1/bundles/signing-key");
    expect(bundle.keyId).toBe(key.keyId);
    expect(readdirSync(bundleDir)).toContain("manifest.sig");
    // Pushing the same bytes again is refused as a duplicate, and uploads nothing.
    const again = await runCli(["bundle", "push", bundleDir], cli);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/4 of 4 blob\(s\) already at the centre; uploading 0/);
    expect(again.stderr).toMatch(/409 bundle shop-base 1\.0\.0 already exists/);
  });

  it("reaches an online cluster and an offline one after it reconnects (assigned by label selector)", async () => {
    const online = await register("bakery-9-a", { shop: "bakery" });
    const offline = await register("bakery-9-b", { shop: "bakery" });
    await offline.agent.stop();
    await eventually(() => admin.cluster(offline.id), (c) => c.status === "offline", "b offline");

    await admin.ok("POST", `/api/v1/bundles/${bundle.id}/assignments`, { selector: "shop=bakery" });
    await eventually(() => holding(admin, bundle.id, online.id), (h) => h?.state === "installed", "installed on the online cluster", 60_000);
    expect(await filesUnder(rootOf(online.agent))).toEqual(expected);
    expect((await holding(admin, bundle.id, offline.id))?.state).toBe("pending");

    launch("bakery-9-b", undefined, offline.stateDir);
    const h = await eventually(() => holding(admin, bundle.id, offline.id), (x) => x?.state === "installed", "installed after reconnecting", 60_000);
    expect(h).toMatchObject({ bytesDone: bundle.totalBytes, bytesTotal: bundle.totalBytes, origin: "tunnel" });
    expect(await filesUnder(join(offline.stateDir, "root"))).toEqual(expected);
  });

  it("a USB stick import gives the same files, and the centre learns of it when the link returns", async () => {
    const device = await register("bakery-9-usb", { shop: "other" });
    await device.agent.stop();
    const usb = join(temp("usb"), "stick");
    await runCliOk(["bundle", "pull", bundle.id, usb], cli);

    const root = join(device.stateDir, "root");
    const imported = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [AGENT_BIN, "import", usb, "--state-dir", device.stateDir, "--root", root], (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(imported.stderr).not.toMatch(/ERROR/);
    expect(imported.stdout).toMatch(/installed bundle shop-base 1\.0\.0 .*the centre learns of it when the agent is next connected/);
    expect(await filesUnder(root)).toEqual(expected);

    launch("bakery-9-usb", undefined, device.stateDir);
    const h = await eventually(() => holding(admin, bundle.id, device.id), (x) => x?.state === "installed", "the centre learnt of the import", 30_000);
    expect(h).toMatchObject({ origin: "import", bytesFetched: 0 });
    const detail = await admin.ok<BundleDetail>("GET", `/api/v1/bundles/${bundle.id}`);
    expect(detail.assignments.find((a) => a.clusterId === device.id)).toMatchObject({ origin: "import" });
  });

  it("a second bundle sharing blobs moves only the new ones; unassigning drops blobs nothing references", async () => {
    const src = temp("bundle2-src");
    await writeRandomFile(join(src, "shop.yaml"), 3_000);
    const dir2 = join(temp("bundle2-out"), "shop-base-2");
    const fromFirst = (sha: string) => join(bundleDir, "blobs", sha);
    const k3sSha = expected["/usr/local/bin/k3s"]!;
    const imagesSha = expected["/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar"]!;
    await runCliOk(["bundle", "create", "--name", "shop-base", "--version", "1.1.0", "--out", dir2, "--k3s", fromFirst(k3sSha),
      "--file", `${fromFirst(imagesSha)}:/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar`, "--manifest", join(src, "shop.yaml")]);
    const pushed = await runCliOk(["bundle", "push", dir2], cli);
    expect(pushed).toMatch(/2 of 3 blob\(s\) already at the centre; uploading 1/);
    const second = (await admin.ok<BundleView[]>("GET", "/api/v1/bundles")).find((b) => b.version === "1.1.0")!;

    const a = (await admin.clusters()).find((c) => c.name === "bakery-9-a")!;
    await admin.ok("POST", `/api/v1/bundles/${second.id}/assignments`, { clusterId: a.id });
    const h = await eventually(() => holding(admin, second.id, a.id), (x) => x?.state === "installed", "second bundle installed", 60_000);
    expect(h!.bytesFetched).toBe(3_000);

    const first = await admin.ok<BundleDetail>("GET", `/api/v1/bundles/${bundle.id}`);
    const selector = first.assignments.find((x) => x.selector === "shop=bakery")!;
    await admin.ok("DELETE", `/api/v1/bundles/${bundle.id}/assignments/${selector.id}`);
    const agentA = agents.find((x) => x.stateDir.includes("bakery-9-a"))!;
    const blobs = () => Promise.resolve(readdirSync(join(agentA.stateDir, "bundles/blobs")).sort());
    // Only the second bundle's three blobs stay: the chart and the first shop.yaml are gone.
    await eventually(blobs, (b) => b.length === 3, "store keeps only referenced blobs", 30_000);
    expect(await blobs()).toEqual([k3sSha, imagesSha, await sha256File(join(src, "shop.yaml"))].sort());
    // Placed files stay where k3s uses them.
    expect(Object.keys(await filesUnder(rootOf(agentA)))).toContain("/var/lib/rancher/k3s/server/static/charts/shop-1.2.0.tgz");
  });
});
