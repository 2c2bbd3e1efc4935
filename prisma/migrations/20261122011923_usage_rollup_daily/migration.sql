-- CreateTable
CREATE TABLE "UsageRollupDaily" (
    "projectId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
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

    PRIMARY KEY ("projectId", "day", "source", "agentType", "model"),
    CONSTRAINT "UsageRollupDaily_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill: the daily rollups of existing data are the hourly ones summed per UTC day
INSERT INTO "UsageRollupDaily" ("projectId", "day", "source", "agentType", "model", "llmCalls", "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "totalTokens", "estimatedTokens", "costUsd", "costReportedUsd", "costComputedUsd", "costEstimatedUsd", "unknownCostCalls", "estimatedCalls", "errorCalls", "runs", "runsCompleted", "runsFailed", "runDurationCount", "runDurationMsSum", "runDur0", "runDur1", "runDur2", "runDur3", "runDur4", "runDur5", "runDur6", "runDur7", "runDur8", "runDur9", "runDur10", "runDur11", "runDur12", "runDur13")
SELECT "projectId", substr("hour", 1, 10) || 'T00:00:00.000+00:00', "source", "agentType", "model", SUM("llmCalls"), SUM("inputTokens"), SUM("outputTokens"), SUM("cacheReadTokens"), SUM("cacheWriteTokens"), SUM("reasoningTokens"), SUM("totalTokens"), SUM("estimatedTokens"), SUM("costUsd"), SUM("costReportedUsd"), SUM("costComputedUsd"), SUM("costEstimatedUsd"), SUM("unknownCostCalls"), SUM("estimatedCalls"), SUM("errorCalls"), SUM("runs"), SUM("runsCompleted"), SUM("runsFailed"), SUM("runDurationCount"), SUM("runDurationMsSum"), SUM("runDur0"), SUM("runDur1"), SUM("runDur2"), SUM("runDur3"), SUM("runDur4"), SUM("runDur5"), SUM("runDur6"), SUM("runDur7"), SUM("runDur8"), SUM("runDur9"), SUM("runDur10"), SUM("runDur11"), SUM("runDur12"), SUM("runDur13")
FROM "UsageRollup" GROUP BY 1, 2, 3, 4, 5;
