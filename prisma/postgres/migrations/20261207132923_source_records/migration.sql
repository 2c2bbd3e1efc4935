-- AlterEnum
ALTER TYPE "Status" ADD VALUE 'unknown';

-- AlterTable
ALTER TABLE "ImportSource" ADD COLUMN     "lastSummary" JSONB,
ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "SourceRecord" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "sessionRef" TEXT,
    "reason" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceRecord_projectId_sessionRef_idx" ON "SourceRecord"("projectId", "sessionRef");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRecord_projectId_source_table_rowKey_key" ON "SourceRecord"("projectId", "source", "table", "rowKey");

-- AddForeignKey
ALTER TABLE "SourceRecord" ADD CONSTRAINT "SourceRecord_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
