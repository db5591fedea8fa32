-- CreateTable
CREATE TABLE "PlannedContact" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "plannedOn" TEXT,
    "channel" TEXT,
    "note" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "sequence" INTEGER NOT NULL,

    CONSTRAINT "PlannedContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlannedContact_agencyId_caseId_idx" ON "PlannedContact"("agencyId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedContact_caseId_sequence_key" ON "PlannedContact"("caseId", "sequence");

-- AddForeignKey
ALTER TABLE "PlannedContact" ADD CONSTRAINT "PlannedContact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
