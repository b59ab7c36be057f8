-- CreateTable
CREATE TABLE "DesiredSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "manifests" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DesiredSource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DesiredSource_clusterId_source_key" ON "DesiredSource"("clusterId", "source");


-- What operators set before sources existed becomes the "operator" source.
INSERT INTO "DesiredSource" ("id", "clusterId", "source", "manifests", "updatedAt")
SELECT 'ds-op-' || "id", "id", 'operator', "desiredManifests", strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM "Cluster" WHERE "desiredManifests" <> '[]';
