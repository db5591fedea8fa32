-- CreateTable
CREATE TABLE "Supporter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "trainedOn" TEXT NOT NULL,
    "registeredOn" TEXT NOT NULL,
    "followUps" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Supporter_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupporterDispatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "supporterId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "caseId" TEXT,
    "programmeId" TEXT,
    "startsOn" TEXT NOT NULL,
    "endedOn" TEXT,
    "activities" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "SupporterDispatch_supporterId_fkey" FOREIGN KEY ("supporterId") REFERENCES "Supporter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SupporterDispatch_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Supporter_agencyId_registeredOn_idx" ON "Supporter"("agencyId", "registeredOn");

-- CreateIndex
CREATE INDEX "SupporterDispatch_supporterId_startsOn_idx" ON "SupporterDispatch"("supporterId", "startsOn");

-- CreateIndex
CREATE INDEX "SupporterDispatch_caseId_idx" ON "SupporterDispatch"("caseId");
