import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleDetail, BundleView } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { eventually } from "../support/eventually";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createApiToken, filesUnder, holding, runCliOk, sha256File, tempDir, writeRandomFile } from "../support/bundles";

const MiB = 1024 * 1024;

describe("bundle transfers survive an agent kill -9", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  const agents: AgentProcess[] = [];
  const temps: string[] = [];
  const temp = (p: string) => {
    const d = tempDir(p);
    temps.push(d);
    return d;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_BLOB_DIR: temp("centre-blobs") } });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await centre?.stop();
    await db?.drop();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it("resumes from the last verified chunk: nothing verified is sent twice, and the files are whole", async () => {
    const cli = { OUTPOST_SERVER: centre.url, OUTPOST_TOKEN: await createApiToken(admin) };
    const src = temp("src");
    const images = await writeRandomFile(join(src, "images.tar"), 40 * MiB);
    const dir = join(temp("out"), "b");
    await runCliOk(["bundle", "create", "--name", "images", "--version", "1", "--out", dir, "--images", images], cli);
    await runCliOk(["bundle", "push", dir], cli);
    const [b] = await admin.ok<BundleView[]>("GET", "/api/v1/bundles");
    const sha = await sha256File(images);

    // A capped site makes the transfer take a few seconds, long enough to kill the agent inside it.
    const site = await admin.createSite("mill-3");
    await admin.ok("PATCH", `/api/v1/sites/${site.id}`, { bandwidthCapBytesPerSec: 8 * MiB });
    const { token } = await admin.createRegistrationToken(site.id, "mill-3-k3s");
    const stateDir = temp("agent");
    const root = join(stateDir, "root");
    const launch = (t?: string) => {
      const a = startAgent({ server: centre.url, registrationToken: t ?? "unused-token-0000", simulate: "mill-3-k3s", stateDir, env: { OUTPOST_ROOT: root } });
      agents.push(a);
      return a;
    };
    const first = launch(token);
    const clusterId = (await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "online", 30_000))[0]!.id;
    await admin.ok("POST", `/api/v1/bundles/${b!.id}/assignments`, { clusterId });

    await eventually(() => holding(admin, b!.id, clusterId), (h) => (h?.bytesDone ?? 0) >= 12 * MiB, "a third of the blob arrived", 30_000);
    await first.kill();
    const partial = join(stateDir, "bundles/partial", sha);
    const kept = statSync(partial).size;
    expect(kept).toBeGreaterThanOrEqual(11 * MiB);
    expect(kept % MiB).toBe(0); // only whole, verified chunks are on disk
    expect(existsSync(join(root, "var/lib/rancher/k3s/agent/images/images.tar"))).toBe(false);

    launch();
    const h = await eventually(() => holding(admin, b!.id, clusterId), (x) => x?.state === "installed", "installed after the restart", 60_000);
    // The restarted agent asked only for what it lacked.
    expect(h!.bytesFetched).toBe(40 * MiB - kept);
    expect(await filesUnder(root)).toEqual({ "/var/lib/rancher/k3s/agent/images/images.tar": sha });
    expect(existsSync(partial)).toBe(false);
    const detail = await admin.ok<BundleDetail>("GET", `/api/v1/bundles/${b!.id}`);
    expect(detail.installedClusters).toBe(1);
  });
});
