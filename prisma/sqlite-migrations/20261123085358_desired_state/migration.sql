-- Written as ALTERs (see 20261123084825_outbox_presence for why not a table redefinition).

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "desiredGeneration" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Cluster" ADD COLUMN "desiredManifests" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Cluster" ADD COLUMN "appliedGeneration" INTEGER NOT NULL DEFAULT 0;
