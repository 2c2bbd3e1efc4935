-- AlterTable
ALTER TABLE "ImportSource" ADD COLUMN "lastSummary" JSONB;
ALTER TABLE "ImportSource" ADD COLUMN "timeZone" TEXT;

-- CreateTable
CREATE TABLE "SourceRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "sessionRef" TEXT,
    "reason" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "recordedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceRecord_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SourceRecord_projectId_sessionRef_idx" ON "SourceRecord"("projectId", "sessionRef");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRecord_projectId_source_table_rowKey_key" ON "SourceRecord"("projectId", "source", "table", "rowKey");
