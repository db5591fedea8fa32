-- CreateTable
CREATE TABLE "ContactCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previous" JSONB NOT NULL,
    "staffId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "correctedAt" DATETIME NOT NULL,
    CONSTRAINT "ContactCorrection_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "recordedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "voidedAt" DATETIME,
    "voidReason" TEXT,
    "voidedByStaffId" TEXT,
    "voidedByAgencyId" TEXT,
    CONSTRAINT "Contact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contact_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("agencyId", "caseId", "channel", "consultingPartyAgencyId", "consultingPartyKind", "consultingPartyMemberId", "contents", "durationMinutes", "id", "noteText", "noteVisibility", "occurredOn", "personContact", "recordedAt", "staffId") SELECT "agencyId", "caseId", "channel", "consultingPartyAgencyId", "consultingPartyKind", "consultingPartyMemberId", "contents", "durationMinutes", "id", "noteText", "noteVisibility", "occurredOn", "personContact", "recordedAt", "staffId" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE INDEX "Contact_caseId_occurredOn_idx" ON "Contact"("caseId", "occurredOn");
CREATE INDEX "Contact_agencyId_occurredOn_idx" ON "Contact"("agencyId", "occurredOn");
CREATE INDEX "Contact_occurredOn_idx" ON "Contact"("occurredOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ContactCorrection_caseId_idx" ON "ContactCorrection"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactCorrection_contactId_sequence_key" ON "ContactCorrection"("contactId", "sequence");
