-- DropIndex
DROP INDEX "CaseSupportingAgency_agencyId_idx";

-- DropIndex
DROP INDEX "Referral_toAgencyId_status_idx";

-- CreateIndex
CREATE INDEX "CaseSupportingAgency_agencyId_caseId_idx" ON "CaseSupportingAgency"("agencyId", "caseId");

-- CreateIndex
CREATE INDEX "Referral_toAgencyId_status_caseId_idx" ON "Referral"("toAgencyId", "status", "caseId");
