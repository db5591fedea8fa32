-- DropIndex
DROP INDEX "Contact_caseId_occurredOn_idx";

-- DropIndex
DROP INDEX "Contact_agencyId_occurredOn_idx";

-- DropIndex
DROP INDEX "Contact_occurredOn_idx";

-- CreateIndex
CREATE INDEX "Contact_caseId_occurredOn_voidedAt_agencyId_idx" ON "Contact"("caseId", "occurredOn", "voidedAt", "agencyId");

-- CreateIndex
CREATE INDEX "Contact_agencyId_occurredOn_voidedAt_caseId_channel_consultingPartyKind_consultingPartyMemberId_personContact_contents_idx" ON "Contact"("agencyId", "occurredOn", "voidedAt", "caseId", "channel", "consultingPartyKind", "consultingPartyMemberId", "personContact", "contents");

-- CreateIndex
CREATE INDEX "Contact_occurredOn_voidedAt_caseId_agencyId_channel_consultingPartyKind_consultingPartyMemberId_personContact_contents_idx" ON "Contact"("occurredOn", "voidedAt", "caseId", "agencyId", "channel", "consultingPartyKind", "consultingPartyMemberId", "personContact", "contents");
