-- CreateTable
CREATE TABLE "CaseIntake" (
    "caseId" TEXT NOT NULL,
    "withdrawalOnset" TEXT,
    "withdrawalOnsetApproximate" BOOLEAN NOT NULL,
    "triggers" JSONB NOT NULL,
    "discoveryRoute" TEXT,
    "version" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseIntake_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "HealthBackground" (
    "caseId" TEXT NOT NULL,
    "medicalCare" TEXT NOT NULL,
    "developmentalDisability" TEXT NOT NULL,
    "mentalIllness" TEXT NOT NULL,
    "disabilityCertificate" TEXT NOT NULL,
    "noteText" TEXT,
    "noteVisibility" TEXT,
    "version" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthBackground_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "CaseIntake_discoveryRoute_idx" ON "CaseIntake"("discoveryRoute");

-- AddForeignKey
ALTER TABLE "CaseIntake" ADD CONSTRAINT "CaseIntake_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthBackground" ADD CONSTRAINT "HealthBackground_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
