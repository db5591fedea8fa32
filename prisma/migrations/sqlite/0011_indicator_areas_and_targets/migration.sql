-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prefectureCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "AreaMunicipality" (
    "areaId" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,

    PRIMARY KEY ("areaId", "municipalityCode"),
    CONSTRAINT "AreaMunicipality_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "scopeKey" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "indicator" TEXT NOT NULL,
    "target" INTEGER NOT NULL,
    "setByStaffId" TEXT NOT NULL,
    "setByAgencyId" TEXT NOT NULL,
    "setByRole" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL,

    PRIMARY KEY ("scopeKey", "fiscalYear", "indicator")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_prefectureCode_name_key" ON "Area"("prefectureCode", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AreaMunicipality_municipalityCode_key" ON "AreaMunicipality"("municipalityCode");
