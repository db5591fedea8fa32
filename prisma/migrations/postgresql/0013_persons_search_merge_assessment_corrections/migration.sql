-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "kanaKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedByAgencyId" TEXT,
ADD COLUMN     "voidedByStaffId" TEXT;

-- CreateTable
CREATE TABLE "PersonMerge" (
    "id" TEXT NOT NULL,
    "keptPersonId" TEXT NOT NULL,
    "mergedPersonId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "former" JSONB NOT NULL,
    "movedCaseIds" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "mergedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonMerge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentCorrection" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previous" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "correctedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonMerge_mergedPersonId_key" ON "PersonMerge"("mergedPersonId");

-- CreateIndex
CREATE INDEX "PersonMerge_keptPersonId_idx" ON "PersonMerge"("keptPersonId");

-- CreateIndex
CREATE INDEX "AssessmentCorrection_caseId_idx" ON "AssessmentCorrection"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentCorrection_assessmentId_sequence_key" ON "AssessmentCorrection"("assessmentId", "sequence");

-- CreateIndex
CREATE INDEX "Person_kanaKey_birthYearMonth_idx" ON "Person"("kanaKey", "birthYearMonth");

-- CreateIndex
CREATE INDEX "Person_nameKey_birthDate_idx" ON "Person"("nameKey", "birthDate");

-- CreateIndex
CREATE INDEX "Person_birthYearMonth_idx" ON "Person"("birthYearMonth");

-- AddForeignKey
ALTER TABLE "AssessmentCorrection" ADD CONSTRAINT "AssessmentCorrection_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
