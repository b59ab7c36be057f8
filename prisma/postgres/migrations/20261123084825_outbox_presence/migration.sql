-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "linkRttMs" INTEGER,
ADD COLUMN     "outboxAckedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "queuedAtDevice" INTEGER;

-- CreateTable
CREATE TABLE "ClusterChange" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceVersion" TEXT NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "ClusterChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClusterChange_clusterId_seq_key" ON "ClusterChange"("clusterId", "seq");

-- AddForeignKey
ALTER TABLE "ClusterChange" ADD CONSTRAINT "ClusterChange_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

