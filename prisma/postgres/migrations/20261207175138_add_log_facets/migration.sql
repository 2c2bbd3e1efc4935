-- CreateTable
CREATE TABLE "LogFacet" (
    "sessionId" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "LogFacet_pkey" PRIMARY KEY ("sessionId","facet","value")
);

-- AddForeignKey
ALTER TABLE "LogFacet" ADD CONSTRAINT "LogFacet_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the facets of the events already stored
INSERT INTO "LogFacet" ("sessionId", "facet", "value")
SELECT DISTINCT "sessionId", 'level', "level" FROM "Event" WHERE "sessionId" IS NOT NULL
UNION
SELECT DISTINCT "sessionId", 'kind', "kind" FROM "Event" WHERE "sessionId" IS NOT NULL
UNION
SELECT DISTINCT "sessionId", 'agent', "agentType" FROM "Event" WHERE "sessionId" IS NOT NULL AND "agentType" IS NOT NULL;
