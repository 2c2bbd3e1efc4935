-- AlterTable
ALTER TABLE "SessionCount" ADD COLUMN "firstEventId" INTEGER;
ALTER TABLE "SessionCount" ADD COLUMN "lastEventId" INTEGER;

-- Backfill: the bounds of the events already stored
UPDATE "SessionCount" SET ("firstEventId", "lastEventId") = (
  SELECT MIN("id"), MAX("id") FROM "Event" WHERE "Event"."sessionId" = "SessionCount"."sessionId"
);
