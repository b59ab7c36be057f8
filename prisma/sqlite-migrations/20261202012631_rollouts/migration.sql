-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "rolloutPausedAt" DATETIME;
ALTER TABLE "Cluster" ADD COLUMN "rolloutPausedBy" TEXT;
ALTER TABLE "Cluster" ADD COLUMN "rolloutPausedReason" TEXT;

-- CreateTable
CREATE TABLE "ChartRepository" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "entries" TEXT NOT NULL DEFAULT '[]',
    "fetchedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Chart" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "appVersion" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL,
    "repositoryId" TEXT,
    "archiveDigest" TEXT NOT NULL,
    "archiveSize" INTEGER NOT NULL,
    "defaultValues" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Chart_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "ChartRepository" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rollout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'deploy',
    "rollbackOfId" TEXT,
    "chartId" TEXT NOT NULL,
    "releaseName" TEXT NOT NULL,
    "targetNamespace" TEXT NOT NULL,
    "createNamespace" BOOLEAN NOT NULL DEFAULT true,
    "valuesContent" TEXT NOT NULL DEFAULT '',
    "valuesDigest" TEXT NOT NULL,
    "failurePolicy" TEXT NOT NULL DEFAULT 'reinstall',
    "helmTimeoutSeconds" INTEGER,
    "selector" TEXT NOT NULL DEFAULT '',
    "strategy" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "currentWave" INTEGER NOT NULL DEFAULT 0,
    "waveCount" INTEGER NOT NULL,
    "hasCanary" BOOLEAN NOT NULL,
    "waveStartedAt" DATETIME,
    "waveSettledAt" DATETIME,
    "acknowledgedFailures" INTEGER NOT NULL DEFAULT 0,
    "haltReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "finishedAt" DATETIME,
    CONSTRAINT "Rollout_chartId_fkey" FOREIGN KEY ("chartId") REFERENCES "Chart" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolloutTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rolloutId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "specRolloutId" TEXT,
    "specHash" TEXT NOT NULL DEFAULT '',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "dispatchedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "RolloutTarget_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RolloutTarget_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolloutEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rolloutId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "wave" INTEGER,
    "clusterId" TEXT,
    "message" TEXT NOT NULL,
    CONSTRAINT "RolloutEvent_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Site" ADD COLUMN "maintenanceWindows" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "ChartRepository_name_key" ON "ChartRepository"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Chart_name_version_origin_key" ON "Chart"("name", "version", "origin");

-- CreateIndex
CREATE INDEX "Rollout_releaseName_idx" ON "Rollout"("releaseName");

-- CreateIndex
CREATE INDEX "RolloutTarget_clusterId_idx" ON "RolloutTarget"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "RolloutTarget_rolloutId_clusterId_key" ON "RolloutTarget"("rolloutId", "clusterId");

-- CreateIndex
CREATE INDEX "RolloutEvent_rolloutId_at_idx" ON "RolloutEvent"("rolloutId", "at");

