-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "nameKey" TEXT,
ADD COLUMN     "networkCoordinator" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "pseudonymisedOn" TEXT;

-- Data: a paused, contact-lost or closed case kept its status note on the case row (summary). It moves
-- to the status history entry that set the status (progress record), where it already is unless that
-- entry had none; the row's column goes.
UPDATE "CaseStatusChange" SET "note" = (SELECT "c"."statusNote" FROM "Case" "c" WHERE "c"."id" = "CaseStatusChange"."caseId")
WHERE "note" IS NULL
  AND "sequence" = (SELECT MAX("h"."sequence") FROM "CaseStatusChange" "h" WHERE "h"."caseId" = "CaseStatusChange"."caseId")
  AND EXISTS (SELECT 1 FROM "Case" "c" WHERE "c"."id" = "CaseStatusChange"."caseId" AND "c"."statusNote" IS NOT NULL);

-- AlterTable
ALTER TABLE "Case" DROP COLUMN "statusNote";

-- AlterTable
ALTER TABLE "SupportStageChange" ADD COLUMN     "noteVisibility" TEXT NOT NULL DEFAULT 'normal';

-- AlterTable
ALTER TABLE "FamilyStageChange" ADD COLUMN     "noteVisibility" TEXT NOT NULL DEFAULT 'normal';

-- AlterTable
ALTER TABLE "CaseStatusChange" ADD COLUMN     "noteVisibility" TEXT NOT NULL DEFAULT 'normal';

-- CreateTable
CREATE TABLE "AgencyInvitation" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "issuedByStaffId" TEXT NOT NULL,
    "issuedByAgencyId" TEXT NOT NULL,
    "issuedByRole" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "redeemedAt" TIMESTAMP(3),
    "agencyId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AgencyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAgencyChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "agencyId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "legalBasisKind" TEXT,
    "legalBasisConsentId" TEXT,
    "legalBasisMeetingId" TEXT,
    "referralId" TEXT,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseAgencyChange_pkey" PRIMARY KEY ("caseId","sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgencyInvitation_tokenHash_key" ON "AgencyInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "AgencyInvitation_issuedAt_idx" ON "AgencyInvitation"("issuedAt");

-- CreateIndex
CREATE INDEX "CaseAgencyChange_agencyId_idx" ON "CaseAgencyChange"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_nameKey_key" ON "Agency"("nameKey");

-- AddForeignKey
ALTER TABLE "CaseAgencyChange" ADD CONSTRAINT "CaseAgencyChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: the agencies already on each case, as the first entries of its agency history. A supporting
-- agency that came through an accepted referral is recorded with that referral's legal basis and date;
-- any other (and the lead) as on the case before periods were recorded, with no basis known.
INSERT INTO "CaseAgencyChange" ("caseId", "sequence", "agencyId", "role", "change", "via", "legalBasisKind", "legalBasisConsentId", "legalBasisMeetingId", "referralId", "actorStaffId", "actorAgencyId", "actorRole", "effectiveOn", "recordedAt")
SELECT "c"."id", 1, "c"."leadAgencyId", 'lead', 'joined', 'recordedBefore', NULL, NULL, NULL, NULL, 'system:migration', "c"."leadAgencyId", 'system', "c"."openedOn", "c"."createdAt"
FROM "Case" "c";

INSERT INTO "CaseAgencyChange" ("caseId", "sequence", "agencyId", "role", "change", "via", "legalBasisKind", "legalBasisConsentId", "legalBasisMeetingId", "referralId", "actorStaffId", "actorAgencyId", "actorRole", "effectiveOn", "recordedAt")
SELECT "s"."caseId", "s"."position" + 2, "s"."agencyId", 'supporting', 'joined',
       CASE WHEN "r"."id" IS NULL THEN 'recordedBefore' ELSE 'referral' END,
       "r"."legalBasisKind", "r"."legalBasisConsentId", "r"."legalBasisMeetingId", "r"."id",
       'system:migration', "c"."leadAgencyId", 'system', COALESCE("r"."respondedOn", "c"."openedOn"), "c"."createdAt"
FROM "CaseSupportingAgency" "s"
JOIN "Case" "c" ON "c"."id" = "s"."caseId"
LEFT JOIN "Referral" "r" ON "r"."id" = (
  SELECT "r2"."id" FROM "Referral" "r2"
  WHERE "r2"."caseId" = "s"."caseId" AND "r2"."toAgencyId" = "s"."agencyId" AND "r2"."status" IN ('accepted', 'completed')
  ORDER BY "r2"."respondedOn" DESC, "r2"."id" DESC
  LIMIT 1
);

-- Data: the agency the register was set up with coordinates the network.
UPDATE "Agency" SET "networkCoordinator" = true
WHERE "id" = (SELECT "a"."id" FROM "Agency" "a" ORDER BY "a"."createdAt", "a"."id" LIMIT 1);
