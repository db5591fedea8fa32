-- AlterTable: a column added in place, so a large audit log is not copied.
ALTER TABLE "AuditEntry" ADD COLUMN "sections" TEXT NOT NULL DEFAULT '';
