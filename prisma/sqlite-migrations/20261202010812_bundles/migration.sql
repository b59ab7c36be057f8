-- AlterTable
ALTER TABLE "Site" ADD COLUMN "bandwidthCapBytesPerSec" INTEGER;
ALTER TABLE "Site" ADD COLUMN "transferWindow" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "sealedPrivateKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Bundle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "k3sVersion" TEXT NOT NULL,
    "arch" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "blobCount" INTEGER NOT NULL,
    "totalBytes" BIGINT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BundleBlob" (
    "bundleId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,

    PRIMARY KEY ("bundleId", "sha256"),
    CONSTRAINT "BundleBlob_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BundleAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bundleId" TEXT NOT NULL,
    "clusterId" TEXT,
    "selector" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'operator',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BundleAssignment_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BundleAssignment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterBundle" (
    "clusterId" TEXT NOT NULL,
    "bundleId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "bytesDone" BIGINT NOT NULL,
    "bytesTotal" BIGINT NOT NULL,
    "bytesFetched" BIGINT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("clusterId", "bundleId"),
    CONSTRAINT "ClusterBundle_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClusterBundle_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (an ALTER, not Prisma's table redefinition: see 20261123084825_outbox_presence)
ALTER TABLE "Cluster" ADD COLUMN "desiredBundleIds" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "Bundle_name_version_key" ON "Bundle"("name", "version");

-- CreateIndex
CREATE INDEX "BundleBlob_sha256_idx" ON "BundleBlob"("sha256");

-- CreateIndex
CREATE INDEX "BundleAssignment_bundleId_idx" ON "BundleAssignment"("bundleId");

-- CreateIndex
CREATE INDEX "BundleAssignment_clusterId_idx" ON "BundleAssignment"("clusterId");

-- CreateIndex
CREATE INDEX "ClusterBundle_bundleId_idx" ON "ClusterBundle"("bundleId");

