-- DropIndex
DROP INDEX "Run_sessionId_startedAt_idx";

-- CreateIndex
CREATE INDEX "Run_session_timeline_idx" ON "Run"("sessionId", "startedAt", "agentType", "status", "endedAt", "durationMs");
