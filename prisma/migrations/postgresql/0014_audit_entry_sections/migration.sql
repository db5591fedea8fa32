-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "sections" TEXT NOT NULL DEFAULT '';
