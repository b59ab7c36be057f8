-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "appliedGeneration" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "desiredGeneration" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "desiredManifests" TEXT NOT NULL DEFAULT '[]';

