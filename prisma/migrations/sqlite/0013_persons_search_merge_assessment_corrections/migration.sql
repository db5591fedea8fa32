-- CreateTable
CREATE TABLE "PersonMerge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "keptPersonId" TEXT NOT NULL,
    "mergedPersonId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "former" JSONB NOT NULL,
    "movedCaseIds" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "mergedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AssessmentCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assessmentId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previous" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "correctedAt" DATETIME NOT NULL,
    CONSTRAINT "AssessmentCorrection_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "kana" TEXT,
    "birthDate" TEXT,
    "birthYearMonth" TEXT,
    "sex" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "pseudonymisedOn" TEXT,
    "nameKey" TEXT NOT NULL DEFAULT '',
    "kanaKey" TEXT NOT NULL DEFAULT '',
    "mergedIntoId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Person" ("birthDate", "birthYearMonth", "createdAt", "displayName", "id", "kana", "municipalityCode", "pseudonymisedOn", "sex", "updatedAt", "version") SELECT "birthDate", "birthYearMonth", "createdAt", "displayName", "id", "kana", "municipalityCode", "pseudonymisedOn", "sex", "updatedAt", "version" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_municipalityCode_idx" ON "Person"("municipalityCode");
CREATE INDEX "Person_kana_idx" ON "Person"("kana");
CREATE INDEX "Person_kanaKey_birthYearMonth_idx" ON "Person"("kanaKey", "birthYearMonth");
CREATE INDEX "Person_nameKey_birthDate_idx" ON "Person"("nameKey", "birthDate");
CREATE INDEX "Person_birthYearMonth_idx" ON "Person"("birthYearMonth");
CREATE TABLE "new_Assessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "checklistId" TEXT NOT NULL,
    "checklistVersion" INTEGER NOT NULL,
    "assessedOn" TEXT NOT NULL,
    "raterKind" TEXT NOT NULL,
    "raterStaffId" TEXT,
    "raterMemberId" TEXT,
    "answers" JSONB NOT NULL,
    "scores" JSONB NOT NULL,
    "stageHint" TEXT,
    "agencyId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "voidedAt" DATETIME,
    "voidReason" TEXT,
    "voidedByStaffId" TEXT,
    "voidedByAgencyId" TEXT,
    CONSTRAINT "Assessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_checklistId_checklistVersion_fkey" FOREIGN KEY ("checklistId", "checklistVersion") REFERENCES "ChecklistDefinition" ("id", "version") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assessment" ("agencyId", "answers", "assessedOn", "caseId", "checklistId", "checklistVersion", "id", "raterKind", "raterMemberId", "raterStaffId", "recordedAt", "scores", "staffId", "stageHint") SELECT "agencyId", "answers", "assessedOn", "caseId", "checklistId", "checklistVersion", "id", "raterKind", "raterMemberId", "raterStaffId", "recordedAt", "scores", "staffId", "stageHint" FROM "Assessment";
DROP TABLE "Assessment";
ALTER TABLE "new_Assessment" RENAME TO "Assessment";
CREATE INDEX "Assessment_caseId_assessedOn_idx" ON "Assessment"("caseId", "assessedOn");
CREATE INDEX "Assessment_checklistId_checklistVersion_idx" ON "Assessment"("checklistId", "checklistVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PersonMerge_mergedPersonId_key" ON "PersonMerge"("mergedPersonId");

-- CreateIndex
CREATE INDEX "PersonMerge_keptPersonId_idx" ON "PersonMerge"("keptPersonId");

-- CreateIndex
CREATE INDEX "AssessmentCorrection_caseId_idx" ON "AssessmentCorrection"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentCorrection_assessmentId_sequence_key" ON "AssessmentCorrection"("assessmentId", "sequence");
