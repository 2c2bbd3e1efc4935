-- CreateTable
CREATE TABLE "SessionCount" (
    "sessionId" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SessionCount_pkey" PRIMARY KEY ("sessionId")
);

-- AddForeignKey
ALTER TABLE "SessionCount" ADD CONSTRAINT "SessionCount_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the events already stored
INSERT INTO "SessionCount" ("sessionId", "events")
SELECT "sessionId", COUNT(*) FROM "Event" WHERE "sessionId" IS NOT NULL GROUP BY "sessionId";
