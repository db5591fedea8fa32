-- AlterTable
ALTER TABLE "Person" ADD COLUMN "pseudonymisedOn" TEXT;

-- CreateTable
CREATE TABLE "AgencyInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "issuedByStaffId" TEXT NOT NULL,
    "issuedByAgencyId" TEXT NOT NULL,
    "issuedByRole" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "redeemedAt" DATETIME,
    "agencyId" TEXT,
    "revokedAt" DATETIME,
    "revokedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1
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
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "sequence"),
    CONSTRAINT "CaseAgencyChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Data: a paused, contact-lost or closed case kept its status note on the case row (summary). It moves
-- to the status history entry that set the status (progress record), where it already is unless that
-- entry had none; the row's column goes.
UPDATE "CaseStatusChange" SET "note" = (SELECT "c"."statusNote" FROM "Case" "c" WHERE "c"."id" = "CaseStatusChange"."caseId")
WHERE "note" IS NULL
  AND "sequence" = (SELECT MAX("h"."sequence") FROM "CaseStatusChange" "h" WHERE "h"."caseId" = "CaseStatusChange"."caseId")
  AND EXISTS (SELECT 1 FROM "Case" "c" WHERE "c"."id" = "CaseStatusChange"."caseId" AND "c"."statusNote" IS NOT NULL);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "area" TEXT,
    "services" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "networkCoordinator" BOOLEAN NOT NULL DEFAULT false,
    "nameKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Agency" ("active", "area", "createdAt", "id", "kind", "municipalityCode", "name", "services", "updatedAt", "version") SELECT "active", "area", "createdAt", "id", "kind", "municipalityCode", "name", "services", "updatedAt", "version" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
CREATE UNIQUE INDEX "Agency_nameKey_key" ON "Agency"("nameKey");
CREATE INDEX "Agency_municipalityCode_idx" ON "Agency"("municipalityCode");
CREATE INDEX "Agency_kind_idx" ON "Agency"("kind");
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,
    "leadAgencyId" TEXT NOT NULL,
    "openedOn" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "familyStage" TEXT,
    "status" TEXT NOT NULL,
    "statusSince" TEXT NOT NULL,
    "statusReason" TEXT,
    "statusReviewOn" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_leadAgencyId_fkey" FOREIGN KEY ("leadAgencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("createdAt", "familyStage", "id", "leadAgencyId", "municipalityCode", "openedOn", "personId", "stage", "status", "statusReason", "statusReviewOn", "statusSince", "updatedAt", "version") SELECT "createdAt", "familyStage", "id", "leadAgencyId", "municipalityCode", "openedOn", "personId", "stage", "status", "statusReason", "statusReviewOn", "statusSince", "updatedAt", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_leadAgencyId_status_idx" ON "Case"("leadAgencyId", "status");
CREATE INDEX "Case_createdAt_id_idx" ON "Case"("createdAt", "id");
CREATE INDEX "Case_stage_idx" ON "Case"("stage");
CREATE INDEX "Case_municipalityCode_idx" ON "Case"("municipalityCode");
CREATE INDEX "Case_personId_idx" ON "Case"("personId");
CREATE TABLE "new_SupportStageChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "noteVisibility" TEXT NOT NULL DEFAULT 'normal',
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "sequence"),
    CONSTRAINT "SupportStageChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SupportStageChange" ("actorAgencyId", "actorRole", "actorStaffId", "caseId", "direction", "effectiveOn", "from", "note", "reason", "recordedAt", "sequence", "to") SELECT "actorAgencyId", "actorRole", "actorStaffId", "caseId", "direction", "effectiveOn", "from", "note", "reason", "recordedAt", "sequence", "to" FROM "SupportStageChange";
DROP TABLE "SupportStageChange";
ALTER TABLE "new_SupportStageChange" RENAME TO "SupportStageChange";
CREATE INDEX "SupportStageChange_to_effectiveOn_idx" ON "SupportStageChange"("to", "effectiveOn");
CREATE TABLE "new_FamilyStageChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "noteVisibility" TEXT NOT NULL DEFAULT 'normal',
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "sequence"),
    CONSTRAINT "FamilyStageChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FamilyStageChange" ("actorAgencyId", "actorRole", "actorStaffId", "caseId", "direction", "effectiveOn", "from", "note", "reason", "recordedAt", "sequence", "to") SELECT "actorAgencyId", "actorRole", "actorStaffId", "caseId", "direction", "effectiveOn", "from", "note", "reason", "recordedAt", "sequence", "to" FROM "FamilyStageChange";
DROP TABLE "FamilyStageChange";
ALTER TABLE "new_FamilyStageChange" RENAME TO "FamilyStageChange";
CREATE TABLE "new_CaseStatusChange" (
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "move" TEXT NOT NULL,
    "reason" TEXT,
    "note" TEXT,
    "noteVisibility" TEXT NOT NULL DEFAULT 'normal',
    "reviewOn" TEXT,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "sequence"),
    CONSTRAINT "CaseStatusChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CaseStatusChange" ("actorAgencyId", "actorRole", "actorStaffId", "caseId", "effectiveOn", "from", "move", "note", "reason", "recordedAt", "reviewOn", "sequence", "to") SELECT "actorAgencyId", "actorRole", "actorStaffId", "caseId", "effectiveOn", "from", "move", "note", "reason", "recordedAt", "reviewOn", "sequence", "to" FROM "CaseStatusChange";
DROP TABLE "CaseStatusChange";
ALTER TABLE "new_CaseStatusChange" RENAME TO "CaseStatusChange";
CREATE INDEX "CaseStatusChange_move_effectiveOn_idx" ON "CaseStatusChange"("move", "effectiveOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AgencyInvitation_tokenHash_key" ON "AgencyInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "AgencyInvitation_issuedAt_idx" ON "AgencyInvitation"("issuedAt");

-- CreateIndex
CREATE INDEX "CaseAgencyChange_agencyId_idx" ON "CaseAgencyChange"("agencyId");

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
