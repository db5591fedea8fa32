-- CreateTable
CREATE TABLE "CaseIntake" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "withdrawalOnset" TEXT,
    "withdrawalOnsetApproximate" BOOLEAN NOT NULL,
    "triggers" JSONB NOT NULL,
    "discoveryRoute" TEXT,
    "version" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseIntake_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HealthBackground" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "medicalCare" TEXT NOT NULL,
    "developmentalDisability" TEXT NOT NULL,
    "mentalIllness" TEXT NOT NULL,
    "disabilityCertificate" TEXT NOT NULL,
    "noteText" TEXT,
    "noteVisibility" TEXT,
    "version" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "HealthBackground_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseIntake_discoveryRoute_idx" ON "CaseIntake"("discoveryRoute");
