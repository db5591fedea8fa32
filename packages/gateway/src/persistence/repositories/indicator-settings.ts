import {
  type Area,
  type IndicatorRepository,
  type IndicatorTarget,
  type StaffRole,
  VersionConflictError,
} from '@hikikomori-register/core';
import type { Prisma } from '../generated/sqlite/client.ts';

type Tx = Prisma.TransactionClient;

type AreaRow = Prisma.AreaGetPayload<{ include: { municipalities: true } }>;

const areaFromRow = (r: AreaRow): Area => ({
  id: r.id,
  prefectureCode: r.prefectureCode,
  name: r.name,
  municipalityCodes: r.municipalities.map((m) => m.municipalityCode).sort(),
  version: r.version,
});

const targetFromRow = (r: Prisma.IndicatorTargetGetPayload<object>): IndicatorTarget => ({
  scopeKey: r.scopeKey,
  fiscalYear: r.fiscalYear,
  indicator: r.indicator,
  target: r.target,
  setBy: { staffId: r.setByStaffId, agencyId: r.setByAgencyId, role: r.setByRole as StaffRole },
  setAt: r.setAt,
});

/** 圏域 and 目標値: the settings the indicators read, kept by administrators. */
export function indicatorSettings(
  tx: Tx,
): Pick<IndicatorRepository, 'caseMunicipalities' | 'targets' | 'putTarget' | 'areas' | 'area' | 'saveArea'> {
  return {
    caseMunicipalities: async (prefectureCode) =>
      (
        await tx.case.findMany({
          where: { municipalityCode: { startsWith: prefectureCode } },
          distinct: ['municipalityCode'],
          select: { municipalityCode: true },
          orderBy: { municipalityCode: 'asc' },
        })
      ).map((c) => c.municipalityCode),
    targets: async (scopeKey, fiscalYear) =>
      (await tx.indicatorTarget.findMany({ where: { scopeKey, fiscalYear } })).map(targetFromRow),
    putTarget: async (t) => {
      const data = {
        target: t.target,
        setByStaffId: t.setBy.staffId,
        setByAgencyId: t.setBy.agencyId,
        setByRole: t.setBy.role,
        setAt: t.setAt,
      };
      await tx.indicatorTarget.upsert({
        where: {
          scopeKey_fiscalYear_indicator: {
            scopeKey: t.scopeKey,
            fiscalYear: t.fiscalYear,
            indicator: t.indicator,
          },
        },
        create: { scopeKey: t.scopeKey, fiscalYear: t.fiscalYear, indicator: t.indicator, ...data },
        update: data,
      });
    },
    areas: async (prefectureCode) =>
      (
        await tx.area.findMany({
          where: { prefectureCode },
          include: { municipalities: true },
          orderBy: { name: 'asc' },
        })
      ).map(areaFromRow),
    area: async (id) => {
      const r = await tx.area.findUnique({ where: { id }, include: { municipalities: true } });
      return r ? areaFromRow(r) : null;
    },
    saveArea: async (area) => {
      const municipalities = area.municipalityCodes.map((municipalityCode) => ({ municipalityCode }));
      if (area.version === 1) {
        await tx.area.create({
          data: {
            id: area.id,
            prefectureCode: area.prefectureCode,
            name: area.name,
            version: 1,
            municipalities: { create: municipalities },
          },
        });
        return;
      }
      const { count } = await tx.area.updateMany({
        where: { id: area.id, version: area.version - 1 },
        data: { name: area.name, prefectureCode: area.prefectureCode, version: area.version },
      });
      if (count !== 1) {
        const stored = await tx.area.findUnique({ where: { id: area.id }, select: { version: true } });
        throw new VersionConflictError('area', area.id, area.version - 1, stored?.version ?? 0);
      }
      await tx.areaMunicipality.deleteMany({ where: { areaId: area.id } });
      await tx.areaMunicipality.createMany({
        data: municipalities.map((m) => ({ areaId: area.id, ...m })),
      });
    },
  };
}
