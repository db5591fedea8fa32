-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "actorStaffId" TEXT NOT NULL,
    "actorAgencyId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "caseId" TEXT,
    "outcome" TEXT NOT NULL,
    "sections" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_AuditEntry" ("actorAgencyId", "actorRole", "actorStaffId", "at", "caseId", "entity", "entityId", "id", "operation", "outcome") SELECT "actorAgencyId", "actorRole", "actorStaffId", "at", "caseId", "entity", "entityId", "id", "operation", "outcome" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_caseId_at_idx" ON "AuditEntry"("caseId", "at");
CREATE INDEX "AuditEntry_actorAgencyId_at_idx" ON "AuditEntry"("actorAgencyId", "at");
CREATE INDEX "AuditEntry_actorStaffId_at_idx" ON "AuditEntry"("actorStaffId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
