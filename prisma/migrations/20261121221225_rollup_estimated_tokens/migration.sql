-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "agentType" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "llmCalls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" REAL NOT NULL DEFAULT 0,
    "outputTokens" REAL NOT NULL DEFAULT 0,
    "cacheReadTokens" REAL NOT NULL DEFAULT 0,
    "cacheWriteTokens" REAL NOT NULL DEFAULT 0,
    "reasoningTokens" REAL NOT NULL DEFAULT 0,
    "totalTokens" REAL NOT NULL DEFAULT 0,
    "estimatedTokens" REAL NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "costReportedUsd" REAL NOT NULL DEFAULT 0,
    "costComputedUsd" REAL NOT NULL DEFAULT 0,
    "costEstimatedUsd" REAL NOT NULL DEFAULT 0,
    "unknownCostCalls" INTEGER NOT NULL DEFAULT 0,
    "estimatedCalls" INTEGER NOT NULL DEFAULT 0,
    "errorCalls" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "runsCompleted" INTEGER NOT NULL DEFAULT 0,
    "runsFailed" INTEGER NOT NULL DEFAULT 0,
    "runDurationCount" INTEGER NOT NULL DEFAULT 0,
    "runDurationMsSum" REAL NOT NULL DEFAULT 0,
    "runDur0" INTEGER NOT NULL DEFAULT 0,
    "runDur1" INTEGER NOT NULL DEFAULT 0,
    "runDur2" INTEGER NOT NULL DEFAULT 0,
    "runDur3" INTEGER NOT NULL DEFAULT 0,
    "runDur4" INTEGER NOT NULL DEFAULT 0,
    "runDur5" INTEGER NOT NULL DEFAULT 0,
    "runDur6" INTEGER NOT NULL DEFAULT 0,
    "runDur7" INTEGER NOT NULL DEFAULT 0,
    "runDur8" INTEGER NOT NULL DEFAULT 0,
    "runDur9" INTEGER NOT NULL DEFAULT 0,
    "runDur10" INTEGER NOT NULL DEFAULT 0,
    "runDur11" INTEGER NOT NULL DEFAULT 0,
    "runDur12" INTEGER NOT NULL DEFAULT 0,
    "runDur13" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "UsageRollup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UsageRollup" ("agentType", "cacheReadTokens", "cacheWriteTokens", "costComputedUsd", "costEstimatedUsd", "costReportedUsd", "costUsd", "errorCalls", "estimatedCalls", "hour", "id", "inputTokens", "llmCalls", "model", "outputTokens", "projectId", "reasoningTokens", "runDur0", "runDur1", "runDur10", "runDur11", "runDur12", "runDur13", "runDur2", "runDur3", "runDur4", "runDur5", "runDur6", "runDur7", "runDur8", "runDur9", "runDurationCount", "runDurationMsSum", "runs", "runsCompleted", "runsFailed", "source", "totalTokens", "unknownCostCalls") SELECT "agentType", "cacheReadTokens", "cacheWriteTokens", "costComputedUsd", "costEstimatedUsd", "costReportedUsd", "costUsd", "errorCalls", "estimatedCalls", "hour", "id", "inputTokens", "llmCalls", "model", "outputTokens", "projectId", "reasoningTokens", "runDur0", "runDur1", "runDur10", "runDur11", "runDur12", "runDur13", "runDur2", "runDur3", "runDur4", "runDur5", "runDur6", "runDur7", "runDur8", "runDur9", "runDurationCount", "runDurationMsSum", "runs", "runsCompleted", "runsFailed", "source", "totalTokens", "unknownCostCalls" FROM "UsageRollup";
DROP TABLE "UsageRollup";
ALTER TABLE "new_UsageRollup" RENAME TO "UsageRollup";
CREATE INDEX "UsageRollup_projectId_hour_idx" ON "UsageRollup"("projectId", "hour");
CREATE INDEX "UsageRollup_hour_idx" ON "UsageRollup"("hour");
CREATE UNIQUE INDEX "UsageRollup_projectId_hour_source_agentType_model_key" ON "UsageRollup"("projectId", "hour", "source", "agentType", "model");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
