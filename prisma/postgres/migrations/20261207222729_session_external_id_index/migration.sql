-- CreateIndex
CREATE INDEX "Session_externalId_idx" ON "Session"("externalId");
