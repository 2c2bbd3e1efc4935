-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT,
    "mission" TEXT,
    "mode" TEXT,
    "kind" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "sourceStatus" TEXT,
    "statusChangedAt" DATETIME,
    "phase" TEXT,
    "phaseHistory" JSONB,
    "iteration" INTEGER,
    "qaPassed" BOOLEAN,
    "workDir" TEXT,
    "state" JSONB,
    "priority" INTEGER,
    "parentSessionId" TEXT,
    "totalTokens" REAL NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "placeholder" BOOLEAN NOT NULL DEFAULT false,
    "lastEventAt" DATETIME,
    "metadata" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Session_parentSessionId_fkey" FOREIGN KEY ("parentSessionId") REFERENCES "Session" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Session" ("costUsd", "createdAt", "endedAt", "errorCount", "externalId", "id", "iteration", "kind", "lastEventAt", "metadata", "mission", "mode", "parentSessionId", "phase", "phaseHistory", "placeholder", "priority", "projectId", "qaPassed", "source", "sourceStatus", "startedAt", "state", "status", "statusChangedAt", "title", "totalTokens", "updatedAt", "workDir") SELECT "costUsd", "createdAt", "endedAt", "errorCount", "externalId", "id", "iteration", "kind", "lastEventAt", "metadata", "mission", "mode", "parentSessionId", "phase", "phaseHistory", "placeholder", "priority", "projectId", "qaPassed", "source", "sourceStatus", "startedAt", "state", "status", "statusChangedAt", "title", "totalTokens", "updatedAt", "workDir" FROM "Session";
DROP TABLE "Session";
ALTER TABLE "new_Session" RENAME TO "Session";
CREATE INDEX "Session_projectId_status_updatedAt_idx" ON "Session"("projectId", "status", "updatedAt");
CREATE INDEX "Session_projectId_updatedAt_idx" ON "Session"("projectId", "updatedAt");
CREATE INDEX "Session_projectId_startedAt_idx" ON "Session"("projectId", "startedAt");
CREATE INDEX "Session_status_updatedAt_idx" ON "Session"("status", "updatedAt");
CREATE INDEX "Session_updatedAt_idx" ON "Session"("updatedAt");
CREATE INDEX "Session_parentSessionId_idx" ON "Session"("parentSessionId");
CREATE UNIQUE INDEX "Session_projectId_externalId_key" ON "Session"("projectId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
