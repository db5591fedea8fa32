-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "prefectureCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AreaMunicipality" (
    "areaId" TEXT NOT NULL,
    "municipalityCode" TEXT NOT NULL,

    CONSTRAINT "AreaMunicipality_pkey" PRIMARY KEY ("areaId","municipalityCode")
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
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("scopeKey","fiscalYear","indicator")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_prefectureCode_name_key" ON "Area"("prefectureCode", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AreaMunicipality_municipalityCode_key" ON "AreaMunicipality"("municipalityCode");

-- AddForeignKey
ALTER TABLE "AreaMunicipality" ADD CONSTRAINT "AreaMunicipality_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE CASCADE ON UPDATE CASCADE;
