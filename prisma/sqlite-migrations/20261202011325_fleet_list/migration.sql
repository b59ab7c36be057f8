-- Written by hand as ALTERs: `prisma migrate diff` redefines the Cluster table here, which needs
-- PRAGMA foreign_keys=OFF, and that pragma does nothing inside the transaction each migration runs in.
-- The backfills at the end fill the new rows and columns from what the clusters already hold.

-- CreateTable
CREATE TABLE "ClusterLabel" (
    "clusterId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("clusterId", "key"),
    CONSTRAINT "ClusterLabel_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterWorkload" (
    "clusterId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "desired" INTEGER NOT NULL,
    "ready" INTEGER NOT NULL,
    "images" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("clusterId", "namespace", "kind", "name"),
    CONSTRAINT "ClusterWorkload_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterStatusEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ClusterStatusEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "statusSince" DATETIME;
ALTER TABLE "Cluster" ADD COLUMN "problemRank" INTEGER NOT NULL DEFAULT 4;
CREATE INDEX "Cluster_problemRank_idx" ON "Cluster"("problemRank");

-- CreateIndex
CREATE INDEX "ClusterLabel_key_value_idx" ON "ClusterLabel"("key", "value");

-- CreateIndex
CREATE INDEX "ClusterWorkload_name_idx" ON "ClusterWorkload"("name");

-- CreateIndex
CREATE INDEX "ClusterStatusEvent_clusterId_at_idx" ON "ClusterStatusEvent"("clusterId", "at");

-- CreateIndex
CREATE INDEX "ClusterStatusEvent_at_idx" ON "ClusterStatusEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");


-- Backfill: labels as rows, workloads from the stored snapshots, problem ranks (cluster-core
-- clusterProblemRank: 0 offline, 1 degraded, 2 NotReady nodes, 3 unhealthy workloads, 4 pending, 5 healthy).
INSERT INTO "ClusterLabel" ("clusterId", "key", "value")
  SELECT c."id", j."key", j."value" FROM "Cluster" c, json_each(c."labels") j WHERE json_valid(c."labels");
INSERT OR IGNORE INTO "ClusterWorkload" ("clusterId", "namespace", "kind", "name", "desired", "ready")
  SELECT c."id", json_extract(w."value", '$.namespace'), json_extract(w."value", '$.kind'), json_extract(w."value", '$.name'),
         json_extract(w."value", '$.desired'), json_extract(w."value", '$.ready')
  FROM "Cluster" c, json_each(c."snapshot", '$.workloads') w WHERE c."snapshot" IS NOT NULL AND json_valid(c."snapshot");
UPDATE "Cluster" SET "problemRank" = CASE
  WHEN "status" = 'offline' THEN 0
  WHEN "status" = 'degraded' THEN 1
  WHEN "status" = 'pending' THEN 4
  WHEN "nodesReady" < "nodesTotal" THEN 2
  WHEN "workloadsHealthy" < "workloadsTotal" THEN 3
  ELSE 5 END,
  "statusSince" = COALESCE("offlineSince", "lastSeenAt");
