import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterChangePage, ClusterDetail } from "@outpost/cluster-core";
import { openDatabase } from "../../apps/web/src/server/db/open-database";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { REPO_DIR } from "../support/paths";
import { seedFleet } from "../support/seed-fleet";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const STORED = 123;

describe("a cluster's Changes: every stored change reachable, paged, newest first", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let clusterId = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    clusterId = (await seedFleet(db.url, { sites: 1, clusters: 1, seed: 5 }))[0]!.id;
    // Changes as the outbox stores them, written straight into the database: 123, more than one page.
    const { db: prisma } = openDatabase(db.url, `${REPO_DIR}/data/unused.db`);
    try {
      const at = Date.now() - STORED * 1000;
      await prisma.clusterChange.createMany({
        data: Array.from({ length: STORED }, (_, i) => ({
          clusterId,
          seq: i + 1,
          observedAt: new Date(at + i * 1000),
          type: "MODIFIED",
          kind: "Deployment",
          namespace: "pos",
          name: "pos-api",
          resourceVersion: String(1000 + i),
          summary: `change ${i + 1}`,
        })),
      });
    } finally {
      await prisma.$disconnect();
    }
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  it("says how many changes there are in all beside the first 50 of the cluster page", async () => {
    const detail = await admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${clusterId}`);
    expect(detail.changesTotal).toBe(STORED);
    expect(detail.changes.map((c) => c.seq)).toEqual(Array.from({ length: 50 }, (_, i) => STORED - i));
  });

  it("pages through all of them without gaps or overlap, and answers a page past the end with the last page", async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await admin.ok<ClusterChangePage>("GET", `/api/v1/clusters/${clusterId}/changes?page=${page}&pageSize=50`);
      expect(res).toMatchObject({ total: STORED, page, pageSize: 50 });
      seen.push(...res.items.map((c) => c.seq));
    }
    expect(seen).toEqual(Array.from({ length: STORED }, (_, i) => STORED - i));
    const past = await admin.ok<ClusterChangePage>("GET", `/api/v1/clusters/${clusterId}/changes?page=99&pageSize=50`);
    expect(past.page).toBe(3);
    expect(past.items.map((c) => c.seq)).toEqual(Array.from({ length: STORED - 100 }, (_, i) => STORED - 100 - i));
  });

  it("refuses a bad page or page size with a clear error, and an unknown cluster with 404", async () => {
    const bad = await admin.call<{ error: { message: string } }>("GET", `/api/v1/clusters/${clusterId}/changes?pageSize=5000`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/page size is 10 to 200/);
    expect((await admin.call("GET", `/api/v1/clusters/${clusterId}/changes?page=0`)).status).toBe(422);
    expect((await admin.call("GET", "/api/v1/clusters/nosuchcluster000000000000/changes")).status).toBe(404);
  });
});
