-- Written by hand as ALTERs: `prisma migrate diff` redefines the Cluster table here, which needs
-- PRAGMA foreign_keys=OFF, and that pragma does nothing inside the transaction each migration runs in.

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "outboxAckedSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Cluster" ADD COLUMN "queuedAtDevice" INTEGER;
ALTER TABLE "Cluster" ADD COLUMN "linkRttMs" INTEGER;

-- CreateTable
CREATE TABLE "ClusterChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "observedAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceVersion" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    CONSTRAINT "ClusterChange_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ClusterChange_clusterId_seq_key" ON "ClusterChange"("clusterId", "seq");
