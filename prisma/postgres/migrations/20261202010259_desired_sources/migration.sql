-- CreateTable
CREATE TABLE "DesiredSource" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "manifests" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DesiredSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DesiredSource_clusterId_source_key" ON "DesiredSource"("clusterId", "source");

-- AddForeignKey
ALTER TABLE "DesiredSource" ADD CONSTRAINT "DesiredSource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- What operators set before sources existed becomes the "operator" source.
INSERT INTO "DesiredSource" ("id", "clusterId", "source", "manifests", "updatedAt")
SELECT 'ds-op-' || "id", "id", 'operator', "desiredManifests", CURRENT_TIMESTAMP FROM "Cluster" WHERE "desiredManifests" <> '[]';
