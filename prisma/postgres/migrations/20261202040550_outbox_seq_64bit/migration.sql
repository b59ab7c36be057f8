-- AlterTable
ALTER TABLE "Cluster" ALTER COLUMN "outboxAckedSeq" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ClusterChange" ALTER COLUMN "seq" SET DATA TYPE BIGINT;

