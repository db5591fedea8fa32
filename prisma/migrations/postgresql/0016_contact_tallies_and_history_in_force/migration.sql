-- AlterTable
ALTER TABLE "SupportStageChange" ADD COLUMN     "supersededOn" TEXT;

-- AlterTable
ALTER TABLE "FamilyStageChange" ADD COLUMN     "supersededOn" TEXT;

-- AlterTable
ALTER TABLE "CaseStatusChange" ADD COLUMN     "supersededOn" TEXT;

-- CreateTable
CREATE TABLE "ContactTally" (
    "caseId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "caseFirstOn" TEXT NOT NULL,
    "agencyFirstOn" TEXT NOT NULL,
    "contacts" INTEGER NOT NULL,
    "reached" INTEGER NOT NULL,
    "channel_phone" INTEGER NOT NULL DEFAULT 0,
    "channel_officeVisit" INTEGER NOT NULL DEFAULT 0,
    "channel_homeVisit" INTEGER NOT NULL DEFAULT 0,
    "channel_email" INTEGER NOT NULL DEFAULT 0,
    "channel_sns" INTEGER NOT NULL DEFAULT 0,
    "channel_online" INTEGER NOT NULL DEFAULT 0,
    "channel_accompaniedVisit" INTEGER NOT NULL DEFAULT 0,
    "channel_groupActivity" INTEGER NOT NULL DEFAULT 0,
    "party_person" INTEGER NOT NULL DEFAULT 0,
    "party_parent" INTEGER NOT NULL DEFAULT 0,
    "party_sibling" INTEGER NOT NULL DEFAULT 0,
    "party_otherFamily" INTEGER NOT NULL DEFAULT 0,
    "party_agency" INTEGER NOT NULL DEFAULT 0,
    "party_anonymous" INTEGER NOT NULL DEFAULT 0,
    "age_10s" INTEGER NOT NULL DEFAULT 0,
    "age_20s" INTEGER NOT NULL DEFAULT 0,
    "age_30s" INTEGER NOT NULL DEFAULT 0,
    "age_40s" INTEGER NOT NULL DEFAULT 0,
    "age_50s" INTEGER NOT NULL DEFAULT 0,
    "age_60plus" INTEGER NOT NULL DEFAULT 0,
    "age_unknown" INTEGER NOT NULL DEFAULT 0,
    "content_relationshipBuilding" INTEGER NOT NULL DEFAULT 0,
    "content_visit" INTEGER NOT NULL DEFAULT 0,
    "content_watchingOver" INTEGER NOT NULL DEFAULT 0,
    "content_employmentSupport" INTEGER NOT NULL DEFAULT 0,
    "content_placeToMeet" INTEGER NOT NULL DEFAULT 0,
    "content_medical" INTEGER NOT NULL DEFAULT 0,
    "content_familyClass" INTEGER NOT NULL DEFAULT 0,
    "content_other" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContactTally_pkey" PRIMARY KEY ("caseId","agencyId","period")
);

-- CreateIndex
CREATE INDEX "ContactTally_period_agencyId_idx" ON "ContactTally"("period", "agencyId");

-- CreateIndex
CREATE INDEX "ContactTally_period_municipalityCode_idx" ON "ContactTally"("period", "municipalityCode");

-- The entry that follows each history entry (effectiveOn, then sequence) for the entries already
-- recorded; the contact tallies are filled by the migration runner's backfill (their categories and
-- age bands are the core's).
UPDATE "SupportStageChange" SET "supersededOn" = (SELECT MIN(f."effectiveOn") FROM "SupportStageChange" f WHERE f."caseId" = "SupportStageChange"."caseId" AND (f."effectiveOn" > "SupportStageChange"."effectiveOn" OR (f."effectiveOn" = "SupportStageChange"."effectiveOn" AND f."sequence" > "SupportStageChange"."sequence")));
UPDATE "FamilyStageChange" SET "supersededOn" = (SELECT MIN(f."effectiveOn") FROM "FamilyStageChange" f WHERE f."caseId" = "FamilyStageChange"."caseId" AND (f."effectiveOn" > "FamilyStageChange"."effectiveOn" OR (f."effectiveOn" = "FamilyStageChange"."effectiveOn" AND f."sequence" > "FamilyStageChange"."sequence")));
UPDATE "CaseStatusChange" SET "supersededOn" = (SELECT MIN(f."effectiveOn") FROM "CaseStatusChange" f WHERE f."caseId" = "CaseStatusChange"."caseId" AND (f."effectiveOn" > "CaseStatusChange"."effectiveOn" OR (f."effectiveOn" = "CaseStatusChange"."effectiveOn" AND f."sequence" > "CaseStatusChange"."sequence")));
