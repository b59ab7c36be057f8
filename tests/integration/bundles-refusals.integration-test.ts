import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleView } from "@outpost/cluster-core";
import { generateBundleSigningKey, signBundleManifest } from "@outpost/cluster-core/node";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { AGENT_BIN } from "../support/paths";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createApiToken, filesUnder, holding, runCli, runCliOk, tempDir, writeRandomFile } from "../support/bundles";

const MiB = 1024 * 1024;

/** Every way a bundle can be wrong is refused with a clear error, and nothing of it is placed. */
describe("bundle refusals: tampered, truncated, bad signature, foreign key, path escape", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let cli: Record<string, string>;
  let blobDir: string;
  let siteId: string;
  const agents: AgentProcess[] = [];
  const temps: string[] = [];
  const temp = (p: string) => {
    const d = tempDir(p);
    temps.push(d);
    return d;
  };

  /** Creates and pushes a bundle of one images tarball (plus a manifest file), returns its id and dir. */
  const pushBundle = async (name: string, size: number) => {
    const src = temp(`src-${name}`);
    await writeRandomFile(join(src, `${name}.tar`), size);
    writeFileSync(join(src, `${name}.yaml`), `kind: ConfigMap # ${name}\n`);
    const dir = join(temp(`out-${name}`), name);
    await runCliOk(["bundle", "create", "--name", name, "--version", "1", "--out", dir, "--images", join(src, `${name}.tar`), "--manifest", join(src, `${name}.yaml`)], cli);
    await runCliOk(["bundle", "push", dir], cli);
    const id = (await admin.ok<BundleView[]>("GET", "/api/v1/bundles")).find((b) => b.name === name)!.id;
    return { id, dir, imagesSha: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).blobs[0].sha256 as string };
  };
  const centreBlob = (sha: string) => join(blobDir, "sha256", sha.slice(0, 2), sha);
  const register = async (name: string) => {
    const { token } = await admin.createRegistrationToken(siteId, name);
    const stateDir = temp(`agent-${name}`);
    const agent = startAgent({ server: centre.url, registrationToken: token, simulate: name, stateDir, env: { OUTPOST_ROOT: join(stateDir, "root") } });
    agents.push(agent);
    const id = (await eventually(() => admin.clusters(), (cs) => cs.some((c) => c.name === name && c.status === "online"), `${name} online`, 30_000)).find((c) => c.name === name)!.id;
    return { agent, id, stateDir, root: join(stateDir, "root") };
  };
  const importDir = (dir: string, stateDir: string, root: string) =>
    new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [AGENT_BIN, "import", dir, "--state-dir", stateDir, "--root", root], (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr })),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    blobDir = temp("centre-blobs");
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_BLOB_DIR: blobDir } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    cli = { OUTPOST_SERVER: centre.url, OUTPOST_TOKEN: await createApiToken(admin) };
    siteId = (await admin.createSite("clinic-2")).id;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it("a blob tampered with at the centre, and one cut short, are refused by the agent; nothing is placed", async () => {
    const tampered = await pushBundle("tampered", 6 * MiB);
    const truncated = await pushBundle("truncated", 6 * MiB);
    const bytes = readFileSync(centreBlob(tampered.imagesSha));
    bytes[3 * MiB + 17]! ^= 0x40;
    writeFileSync(centreBlob(tampered.imagesSha), bytes);
    truncateSync(centreBlob(truncated.imagesSha), 4 * MiB);

    const device = await register("clinic-2-a");
    await admin.ok("POST", `/api/v1/bundles/${tampered.id}/assignments`, { clusterId: device.id });
    await admin.ok("POST", `/api/v1/bundles/${truncated.id}/assignments`, { clusterId: device.id });
    const t = await eventually(() => holding(admin, tampered.id, device.id), (h) => h?.state === "failed", "tampered blob refused", 30_000);
    expect(t!.message).toMatch(/chunk 3 \(bytes 3145728-4194303\) hashes to [0-9a-f]{64}, the signed manifest says [0-9a-f]{64} \(3 attempts\): the centre's copy of the blob does not match the signed manifest; nothing of it was placed/);
    const c = await eventually(() => holding(admin, truncated.id, device.id), (h) => h?.state === "failed", "truncated blob refused", 30_000);
    expect(c!.message).toMatch(/the centre's copy of blob [0-9a-f]{64} \(\/var\/lib\/rancher\/k3s\/agent\/images\/truncated\.tar\) is 4194304 bytes; the signed manifest says 6291456/);
    expect(await filesUnder(device.root)).toEqual({});
    expect(readdirSync(join(device.stateDir, "bundles/blobs")).filter((b) => b === tampered.imagesSha || b === truncated.imagesSha)).toEqual([]);
  });

  it("a bundle signed by a key other than the one pinned at registration is refused", async () => {
    const good = await pushBundle("good", 2 * MiB);
    const device = await register("clinic-2-b");
    await device.agent.stop();
    // As if the device had registered with another centre: it pinned a different key.
    const pinnedFile = join(device.stateDir, "bundle-signing-key.json");
    const other = generateBundleSigningKey();
    writeFileSync(pinnedFile, JSON.stringify({ publicKey: other.publicKey, keyId: other.keyId, pinnedAt: new Date().toISOString() }));
    agents.push(startAgent({ server: centre.url, registrationToken: "unused-token-0000", simulate: "clinic-2-b", stateDir: device.stateDir, env: { OUTPOST_ROOT: device.root } }));
    await admin.ok("POST", `/api/v1/bundles/${good.id}/assignments`, { clusterId: device.id });
    const h = await eventually(() => holding(admin, good.id, device.id), (x) => x?.state === "failed", "foreign key refused", 30_000);
    expect(h!.message).toMatch(new RegExp(`signed by another key \\(key id [0-9a-f]{16}\\); this device trusts only the centre's key ${other.keyId}`));
    expect(h!.bytesFetched).toBe(0);
    expect(await filesUnder(device.root)).toEqual({});
  });

  it("USB import refuses a bad signature, an unsigned bundle and a path-escaping target; nothing is placed", async () => {
    const good = await pushBundle("usb", 2 * MiB);
    const device = await register("clinic-2-c");
    await device.agent.stop();
    const usb = join(temp("usb"), "stick");
    await runCliOk(["bundle", "pull", good.id, usb], cli);

    const sigFile = join(usb, "manifest.sig");
    const sig = JSON.parse(readFileSync(sigFile, "utf8")) as { value: string };
    const flipped = { ...sig, value: `${sig.value[0] === "A" ? "B" : "A"}${sig.value.slice(1)}` };
    writeFileSync(sigFile, JSON.stringify(flipped));
    const bad = await importDir(usb, device.stateDir, device.root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/refused: the bundle's signature does not match its manifest .*; nothing was placed/);

    rmSync(sigFile);
    const unsigned = await importDir(usb, device.stateDir, device.root);
    expect(unsigned.stderr).toMatch(/refused: the bundle is not signed/);

    // A correctly signed manifest (a device that pinned the test's own key) with an escaping target.
    const key = generateBundleSigningKey();
    writeFileSync(join(device.stateDir, "bundle-signing-key.json"), JSON.stringify({ publicKey: key.publicKey, keyId: key.keyId, pinnedAt: new Date().toISOString() }));
    const manifest = JSON.parse(readFileSync(join(usb, "manifest.json"), "utf8")) as { blobs: { target: string }[] };
    manifest.blobs[1]!.target = "/var/lib/rancher/k3s/server/manifests/../../../../../etc/cron.d/outpost";
    const text = JSON.stringify(manifest);
    writeFileSync(join(usb, "manifest.json"), text);
    writeFileSync(sigFile, JSON.stringify(signBundleManifest(text, key.privateKeyPem)));
    const escaping = await importDir(usb, device.stateDir, device.root);
    expect(escaping.stderr).toMatch(/refused: blob 1 \(\/var\/lib\/rancher\/k3s\/server\/manifests\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/cron\.d\/outpost\): target .* has a '\.\.' segment; nothing was placed/);

    expect(await filesUnder(device.root)).toEqual({});
    expect(existsSync(join(device.root, "etc"))).toBe(false);
  });

  it("the centre refuses to sign a manifest with a path-escaping target or a blob it does not hold", async () => {
    const src = temp("src-escape");
    writeFileSync(join(src, "a.yaml"), "a: 1\n");
    const dir = join(temp("out-escape"), "escape");
    await runCliOk(["bundle", "create", "--name", "escape", "--version", "1", "--out", dir, "--manifest", join(src, "a.yaml")], cli);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { blobs: { target: string; sha256: string }[] };
    manifest.blobs[0]!.target = "/etc/passwd";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    // The CLI checks as the centre does, before uploading anything...
    const local = await runCli(["bundle", "push", dir], cli);
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/blob 0 \(\/etc\/passwd\): target '\/etc\/passwd' is outside the places a manifest may be written/);
    // ...and the centre refuses it whoever sends it.
    const escaping = await admin.call("POST", "/api/v1/bundles", { manifest: JSON.stringify(manifest) });
    expect(escaping.status).toBe(422);
    expect(JSON.stringify(escaping.body)).toMatch(/target '\/etc\/passwd' is outside the places a manifest may be written/);

    manifest.blobs[0]!.target = "/var/lib/rancher/k3s/server/manifests/a.yaml";
    manifest.blobs[0]!.sha256 = "0".repeat(64);
    const res = await admin.call("POST", "/api/v1/bundles", { manifest: JSON.stringify(manifest) });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/blob 0{64} \(\/var\/lib\/rancher\/k3s\/server\/manifests\/a\.yaml\) is not uploaded/);
    expect((await admin.ok<BundleView[]>("GET", "/api/v1/bundles")).some((b) => b.name === "escape")).toBe(false);
  });
});
