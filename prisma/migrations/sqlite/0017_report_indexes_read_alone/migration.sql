-- DropIndex
DROP INDEX "Attendance_attendedOn_idx";

-- CreateIndex
CREATE INDEX "SupportStageChange_effectiveOn_supersededOn_caseId_to_idx" ON "SupportStageChange"("effectiveOn", "supersededOn", "caseId", "to");

-- CreateIndex
CREATE INDEX "FamilyStageChange_effectiveOn_supersededOn_caseId_to_idx" ON "FamilyStageChange"("effectiveOn", "supersededOn", "caseId", "to");

-- CreateIndex
CREATE INDEX "CaseStatusChange_effectiveOn_supersededOn_caseId_to_idx" ON "CaseStatusChange"("effectiveOn", "supersededOn", "caseId", "to");

-- CreateIndex
CREATE INDEX "Attendance_attendedOn_sessionId_caseId_idx" ON "Attendance"("attendedOn", "sessionId", "caseId");
