-- CreateTable
CREATE TABLE "CaseStaffAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "startedOn" TEXT NOT NULL,
    "startedVia" TEXT NOT NULL,
    "startedByStaffId" TEXT NOT NULL,
    "startedByAgencyId" TEXT NOT NULL,
    "startedByRole" TEXT NOT NULL,
    "endedOn" TEXT,
    "endedVia" TEXT,
    "endedByStaffId" TEXT,
    "endedByAgencyId" TEXT,
    "endedByRole" TEXT,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseStaffAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseStaffAssignment_caseId_idx" ON "CaseStaffAssignment"("caseId");

-- CreateIndex
CREATE INDEX "CaseStaffAssignment_staffId_endedOn_idx" ON "CaseStaffAssignment"("staffId", "endedOn");
