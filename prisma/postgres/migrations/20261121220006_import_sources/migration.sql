-- CreateTable
CREATE TABLE "ImportSource" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "pollIntervalSec" INTEGER NOT NULL DEFAULT 5,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "state" JSONB,
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportSource_projectId_system_location_key" ON "ImportSource"("projectId", "system", "location");

-- AddForeignKey
ALTER TABLE "ImportSource" ADD CONSTRAINT "ImportSource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
