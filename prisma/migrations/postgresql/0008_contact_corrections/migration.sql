-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedByAgencyId" TEXT,
ADD COLUMN     "voidedByStaffId" TEXT;

-- CreateTable
CREATE TABLE "ContactCorrection" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previous" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "correctedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactCorrection_caseId_idx" ON "ContactCorrection"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactCorrection_contactId_sequence_key" ON "ContactCorrection"("contactId", "sequence");

-- AddForeignKey
ALTER TABLE "ContactCorrection" ADD CONSTRAINT "ContactCorrection_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
