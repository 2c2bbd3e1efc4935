-- CreateIndex
CREATE INDEX "Session_costUsd_idx" ON "Session"("costUsd");
