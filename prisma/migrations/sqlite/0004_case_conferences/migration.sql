-- CreateTable
CREATE TABLE "CaseConference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organiserAgencyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "supportMeetingId" TEXT,
    "heldOn" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "recordedByStaffId" TEXT NOT NULL,
    "recordedByAgencyId" TEXT NOT NULL,
    "recordedByRole" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "CaseConferenceAttendee" (
    "conferenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "agencyId" TEXT NOT NULL,
    "staffId" TEXT,
    "name" TEXT,

    PRIMARY KEY ("conferenceId", "position"),
    CONSTRAINT "CaseConferenceAttendee_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "CaseConference" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseConferenceCase" (
    "conferenceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "linkKind" TEXT,
    "linkedSequence" INTEGER,
    "linkedId" TEXT,

    PRIMARY KEY ("conferenceId", "caseId"),
    CONSTRAINT "CaseConferenceCase_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "CaseConference" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseConferenceCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseConference_organiserAgencyId_heldOn_idx" ON "CaseConference"("organiserAgencyId", "heldOn");

-- CreateIndex
CREATE INDEX "CaseConferenceAttendee_agencyId_idx" ON "CaseConferenceAttendee"("agencyId");

-- CreateIndex
CREATE INDEX "CaseConferenceCase_caseId_idx" ON "CaseConferenceCase"("caseId");
