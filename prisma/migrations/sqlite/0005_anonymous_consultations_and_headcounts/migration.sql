-- CreateTable
CREATE TABLE "AnonymousConsultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "consultingParty" TEXT NOT NULL,
    "contents" JSONB NOT NULL,
    "ageBand" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "municipalityCode" TEXT,
    "durationMinutes" INTEGER,
    "recordedByStaffId" TEXT NOT NULL,
    "recordedByAgencyId" TEXT NOT NULL,
    "recordedByRole" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "AnonymousConsultation_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SessionHeadcount" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "persons" INTEGER NOT NULL,
    "familyMembers" INTEGER NOT NULL,
    "recordedByStaffId" TEXT NOT NULL,
    "recordedByAgencyId" TEXT NOT NULL,
    "recordedByRole" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "SessionHeadcount_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AnonymousConsultation_agencyId_occurredOn_idx" ON "AnonymousConsultation"("agencyId", "occurredOn");

-- CreateIndex
CREATE INDEX "AnonymousConsultation_municipalityCode_occurredOn_idx" ON "AnonymousConsultation"("municipalityCode", "occurredOn");

-- CreateIndex
CREATE INDEX "AnonymousConsultation_occurredOn_idx" ON "AnonymousConsultation"("occurredOn");
