-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "area" TEXT,
    "services" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffAccount" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "kana" TEXT,
    "birthDate" TEXT,
    "birthYearMonth" TEXT,
    "sex" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "displayName" TEXT,
    "birthYear" INTEGER,
    "livesWithPerson" BOOLEAN NOT NULL,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "leadAgencyId" TEXT NOT NULL,
    "openedOn" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "familyStage" TEXT,
    "status" TEXT NOT NULL,
    "statusSince" TEXT NOT NULL,
    "statusReason" TEXT,
    "statusNote" TEXT,
    "statusReviewOn" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseSupportingAgency" (
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseSupportingAgency_pkey" PRIMARY KEY ("caseId","agencyId")
);

-- CreateTable
CREATE TABLE "SupportStageChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportStageChange_pkey" PRIMARY KEY ("caseId","sequence")
);

-- CreateTable
CREATE TABLE "FamilyStageChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FamilyStageChange_pkey" PRIMARY KEY ("caseId","sequence")
);

-- CreateTable
CREATE TABLE "CaseStatusChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "move" TEXT NOT NULL,
    "reason" TEXT,
    "note" TEXT,
    "reviewOn" TEXT,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseStatusChange_pkey" PRIMARY KEY ("caseId","sequence")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "consultingPartyKind" TEXT NOT NULL,
    "consultingPartyMemberId" TEXT,
    "consultingPartyAgencyId" TEXT,
    "personContact" TEXT NOT NULL,
    "contents" JSONB NOT NULL,
    "durationMinutes" INTEGER,
    "noteText" TEXT,
    "noteVisibility" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistDefinition" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameJa" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerCode" TEXT,
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "ChecklistDefinition_pkey" PRIMARY KEY ("id","version")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
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
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportPlan" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "createdOn" TEXT NOT NULL,
    "reviewDueOn" TEXT NOT NULL,
    "goals" JSONB NOT NULL,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportPlanReview" (
    "planId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "reviewedOn" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "nextReviewDueOn" TEXT,
    "staffId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportPlanReview_pkey" PRIMARY KEY ("planId","sequence")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromAgencyId" TEXT NOT NULL,
    "toAgencyId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedService" TEXT NOT NULL,
    "legalBasisKind" TEXT NOT NULL,
    "legalBasisConsentId" TEXT,
    "legalBasisMeetingId" TEXT,
    "sharedSections" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "sentOn" TEXT NOT NULL,
    "respondedOn" TEXT,
    "declineReason" TEXT,
    "withdrawnOn" TEXT,
    "withdrawnReason" TEXT,
    "completedOn" TEXT,
    "outcome" TEXT,
    "outcomeReason" TEXT,
    "previousReferralId" TEXT,
    "sentBy" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralStatusChange" (
    "referralId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferralStatusChange_pkey" PRIMARY KEY ("referralId","sequence")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "givenByKind" TEXT NOT NULL,
    "givenByMemberId" TEXT,
    "scopeAgencyIds" JSONB NOT NULL,
    "scopeSectors" JSONB NOT NULL,
    "givenOn" TEXT NOT NULL,
    "withdrawnOn" TEXT,
    "note" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportMeeting" (
    "id" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "establishedOn" TEXT NOT NULL,
    "dissolvedOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportMeetingMember" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "joinedOn" TEXT NOT NULL,
    "leftOn" TEXT,

    CONSTRAINT "SupportMeetingMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportMeetingCase" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "addedOn" TEXT NOT NULL,
    "removedOn" TEXT,

    CONSTRAINT "SupportMeetingCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Place" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "municipalityCode" TEXT,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "allowsOnline" BOOLEAN NOT NULL DEFAULT false,
    "frequency" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeSession" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "startsAt" TEXT,
    "durationMinutes" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "attendeeKind" TEXT NOT NULL,
    "attendeeMemberId" TEXT,
    "attendeeKey" TEXT NOT NULL,
    "attendedOn" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Placement" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "hostPlaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementWorkday" (
    "placementId" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlacementWorkday_pkey" PRIMARY KEY ("placementId","on")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "caseId" TEXT,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Agency_municipalityCode_idx" ON "Agency"("municipalityCode");

-- CreateIndex
CREATE INDEX "Agency_kind_idx" ON "Agency"("kind");

-- CreateIndex
CREATE INDEX "StaffAccount_agencyId_idx" ON "StaffAccount"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_staffId_idx" ON "ApiToken"("staffId");

-- CreateIndex
CREATE INDEX "Person_municipalityCode_idx" ON "Person"("municipalityCode");

-- CreateIndex
CREATE INDEX "Person_kana_idx" ON "Person"("kana");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdMember_personId_position_key" ON "HouseholdMember"("personId", "position");

-- CreateIndex
CREATE INDEX "Case_leadAgencyId_status_idx" ON "Case"("leadAgencyId", "status");

-- CreateIndex
CREATE INDEX "Case_createdAt_id_idx" ON "Case"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_stage_idx" ON "Case"("stage");

-- CreateIndex
CREATE INDEX "Case_municipalityCode_idx" ON "Case"("municipalityCode");

-- CreateIndex
CREATE INDEX "Case_personId_idx" ON "Case"("personId");

-- CreateIndex
CREATE INDEX "CaseSupportingAgency_agencyId_idx" ON "CaseSupportingAgency"("agencyId");

-- CreateIndex
CREATE INDEX "SupportStageChange_to_effectiveOn_idx" ON "SupportStageChange"("to", "effectiveOn");

-- CreateIndex
CREATE INDEX "CaseStatusChange_move_effectiveOn_idx" ON "CaseStatusChange"("move", "effectiveOn");

-- CreateIndex
CREATE INDEX "Contact_caseId_occurredOn_idx" ON "Contact"("caseId", "occurredOn");

-- CreateIndex
CREATE INDEX "Contact_agencyId_occurredOn_idx" ON "Contact"("agencyId", "occurredOn");

-- CreateIndex
CREATE INDEX "Contact_occurredOn_idx" ON "Contact"("occurredOn");

-- CreateIndex
CREATE INDEX "Assessment_caseId_assessedOn_idx" ON "Assessment"("caseId", "assessedOn");

-- CreateIndex
CREATE INDEX "Assessment_checklistId_checklistVersion_idx" ON "Assessment"("checklistId", "checklistVersion");

-- CreateIndex
CREATE INDEX "SupportPlan_caseId_createdOn_idx" ON "SupportPlan"("caseId", "createdOn");

-- CreateIndex
CREATE INDEX "SupportPlan_agencyId_reviewDueOn_idx" ON "SupportPlan"("agencyId", "reviewDueOn");

-- CreateIndex
CREATE INDEX "SupportPlan_closed_reviewDueOn_idx" ON "SupportPlan"("closed", "reviewDueOn");

-- CreateIndex
CREATE INDEX "Referral_toAgencyId_status_idx" ON "Referral"("toAgencyId", "status");

-- CreateIndex
CREATE INDEX "Referral_fromAgencyId_status_idx" ON "Referral"("fromAgencyId", "status");

-- CreateIndex
CREATE INDEX "Referral_caseId_idx" ON "Referral"("caseId");

-- CreateIndex
CREATE INDEX "Consent_caseId_idx" ON "Consent"("caseId");

-- CreateIndex
CREATE INDEX "SupportMeeting_municipalityCode_idx" ON "SupportMeeting"("municipalityCode");

-- CreateIndex
CREATE INDEX "SupportMeetingMember_meetingId_idx" ON "SupportMeetingMember"("meetingId");

-- CreateIndex
CREATE INDEX "SupportMeetingMember_agencyId_idx" ON "SupportMeetingMember"("agencyId");

-- CreateIndex
CREATE INDEX "SupportMeetingCase_meetingId_idx" ON "SupportMeetingCase"("meetingId");

-- CreateIndex
CREATE INDEX "SupportMeetingCase_caseId_idx" ON "SupportMeetingCase"("caseId");

-- CreateIndex
CREATE INDEX "Place_agencyId_idx" ON "Place"("agencyId");

-- CreateIndex
CREATE INDEX "Place_municipalityCode_kind_idx" ON "Place"("municipalityCode", "kind");

-- CreateIndex
CREATE INDEX "Programme_placeId_idx" ON "Programme"("placeId");

-- CreateIndex
CREATE INDEX "ProgrammeSession_programmeId_heldOn_idx" ON "ProgrammeSession"("programmeId", "heldOn");

-- CreateIndex
CREATE INDEX "ProgrammeSession_heldOn_idx" ON "ProgrammeSession"("heldOn");

-- CreateIndex
CREATE INDEX "Attendance_caseId_attendedOn_idx" ON "Attendance"("caseId", "attendedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_caseId_attendeeKey_key" ON "Attendance"("sessionId", "caseId", "attendeeKey");

-- CreateIndex
CREATE INDEX "Placement_caseId_startsOn_idx" ON "Placement"("caseId", "startsOn");

-- CreateIndex
CREATE INDEX "Placement_hostPlaceId_startsOn_idx" ON "Placement"("hostPlaceId", "startsOn");

-- CreateIndex
CREATE INDEX "AuditEntry_caseId_at_idx" ON "AuditEntry"("caseId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_actorAgencyId_at_idx" ON "AuditEntry"("actorAgencyId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_actorStaffId_at_idx" ON "AuditEntry"("actorStaffId", "at");

-- AddForeignKey
ALTER TABLE "StaffAccount" ADD CONSTRAINT "StaffAccount_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_leadAgencyId_fkey" FOREIGN KEY ("leadAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseSupportingAgency" ADD CONSTRAINT "CaseSupportingAgency_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseSupportingAgency" ADD CONSTRAINT "CaseSupportingAgency_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportStageChange" ADD CONSTRAINT "SupportStageChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyStageChange" ADD CONSTRAINT "FamilyStageChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStatusChange" ADD CONSTRAINT "CaseStatusChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_checklistId_checklistVersion_fkey" FOREIGN KEY ("checklistId", "checklistVersion") REFERENCES "ChecklistDefinition"("id", "version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportPlan" ADD CONSTRAINT "SupportPlan_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportPlan" ADD CONSTRAINT "SupportPlan_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportPlanReview" ADD CONSTRAINT "SupportPlanReview_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SupportPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_fromAgencyId_fkey" FOREIGN KEY ("fromAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_toAgencyId_fkey" FOREIGN KEY ("toAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_previousReferralId_fkey" FOREIGN KEY ("previousReferralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralStatusChange" ADD CONSTRAINT "ReferralStatusChange_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeetingMember" ADD CONSTRAINT "SupportMeetingMember_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "SupportMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeetingMember" ADD CONSTRAINT "SupportMeetingMember_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeetingCase" ADD CONSTRAINT "SupportMeetingCase_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "SupportMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeetingCase" ADD CONSTRAINT "SupportMeetingCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Place" ADD CONSTRAINT "Place_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeSession" ADD CONSTRAINT "ProgrammeSession_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_hostPlaceId_fkey" FOREIGN KEY ("hostPlaceId") REFERENCES "Place"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementWorkday" ADD CONSTRAINT "PlacementWorkday_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
