-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "problemRank" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "statusSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ClusterLabel" (
    "clusterId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ClusterLabel_pkey" PRIMARY KEY ("clusterId","key")
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

    CONSTRAINT "ClusterWorkload_pkey" PRIMARY KEY ("clusterId","namespace","kind","name")
);

-- CreateTable
CREATE TABLE "ClusterStatusEvent" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ClusterStatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Cluster_problemRank_idx" ON "Cluster"("problemRank");

-- AddForeignKey
ALTER TABLE "ClusterLabel" ADD CONSTRAINT "ClusterLabel_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterWorkload" ADD CONSTRAINT "ClusterWorkload_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterStatusEvent" ADD CONSTRAINT "ClusterStatusEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: labels as rows, workloads from the stored snapshots, problem ranks (cluster-core
-- clusterProblemRank: 0 offline, 1 degraded, 2 NotReady nodes, 3 unhealthy workloads, 4 pending, 5 healthy).
INSERT INTO "ClusterLabel" ("clusterId", "key", "value")
  SELECT c."id", j.key, j.value FROM "Cluster" c, jsonb_each_text(c."labels"::jsonb) j;
INSERT INTO "ClusterWorkload" ("clusterId", "namespace", "kind", "name", "desired", "ready")
  SELECT c."id", w->>'namespace', w->>'kind', w->>'name', (w->>'desired')::int, (w->>'ready')::int
  FROM "Cluster" c, jsonb_array_elements(c."snapshot"::jsonb -> 'workloads') w WHERE c."snapshot" IS NOT NULL
  ON CONFLICT DO NOTHING;
UPDATE "Cluster" SET "problemRank" = CASE
  WHEN "status" = 'offline' THEN 0
  WHEN "status" = 'degraded' THEN 1
  WHEN "status" = 'pending' THEN 4
  WHEN "nodesReady" < "nodesTotal" THEN 2
  WHEN "workloadsHealthy" < "workloadsTotal" THEN 3
  ELSE 5 END,
  "statusSince" = COALESCE("offlineSince", "lastSeenAt");
