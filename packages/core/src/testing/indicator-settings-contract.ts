import { describe, expect, it } from 'vitest';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/** 圏域 and 目標値: who keeps them, what they refuse, and how the report answers with them. */
export function describeIndicatorSettingsContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall } = contractWorld(makeRegister);

  describe(`indicator 圏域 and targets (${storage})`, () => {
    it('lets the network administrator keep 圏域, one per municipality, in its own prefecture', async () => {
      const t = await setUp();
      const indicators = t.register.indicators;
      const hokusei = await indicators.saveArea(t.admin, null, {
        name: '北勢',
        municipalityCodes: ['242021', '242012'],
      });
      expect(hokusei).toMatchObject({
        prefectureCode: '24',
        municipalityCodes: ['242012', '242021'],
        version: 1,
      });
      await expect(
        indicators.saveArea(t.admin, null, { name: '中勢伊賀', municipalityCodes: ['242012'] }),
      ).rejects.toMatchObject({ rule: 'one_area_per_municipality', field: 'municipalityCodes.0' });
      await expect(
        indicators.saveArea(t.admin, null, { name: '他県', municipalityCodes: ['131016'] }),
      ).rejects.toMatchObject({ rule: 'own_prefecture' });
      await expect(
        indicators.saveArea(t.admin, null, { name: '混在', municipalityCodes: ['242047', '131016'] }),
      ).rejects.toMatchObject({ rule: 'same_prefecture' });
      await expect(
        indicators.saveArea(t.worker, null, { name: '南勢志摩', municipalityCodes: ['242039'] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // A change keeps the id and moves the version on; a stale copy is refused.
      const moved = await indicators.saveArea(t.admin, hokusei.id, {
        name: '北勢',
        municipalityCodes: ['242021'],
      });
      expect(moved).toMatchObject({ id: hokusei.id, municipalityCodes: ['242021'], version: 2 });
      const chusei = await indicators.saveArea(t.admin, null, {
        name: '中勢伊賀',
        municipalityCodes: ['242012'],
      });
      expect((await indicators.areas(t.worker)).map((a) => a.name)).toEqual(['中勢伊賀', '北勢']);
      // By id, as the list: 圏域 of the actor's own prefecture only.
      expect(await indicators.area(t.worker, chusei.id)).toEqual(chusei);
      for (const [actor, id] of [
        [t.worker, 'no-such-id'],
        [{ ...t.worker, agencyId: 'no-such-agency' }, chusei.id],
      ] as const)
        await expect(indicators.area(actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(chusei.version).toBe(1);
    });

    it('records targets by the rightful administrator and reports target, actual and rate', async () => {
      const t = await setUp();
      const indicators = t.register.indicators;
      await openFromMothersCall(t);
      const own = { kind: 'agency' as const, agencyId: t.centre.id };
      const newCases = { fiscalYear: 2023, indicator: 'consultations.newCases', target: 4 };
      // The agency's admin for its own figures; caseworkers never; other agencies' admins not for it.
      await indicators.setTarget(t.admin, own, newCases);
      await expect(indicators.setTarget(t.worker, own, newCases)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        indicators.setTarget({ ...t.admin, agencyId: t.hospital.id }, own, newCases),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        indicators.setTarget(t.admin, own, { ...newCases, indicator: 'consultations.nothing' }),
      ).rejects.toMatchObject({ rule: 'known_indicator', field: 'indicator' });
      await expect(indicators.setTarget(t.admin, own, { ...newCases, target: -1 })).rejects.toMatchObject({
        field: 'target',
      });
      // A second target for the same indicator replaces the first.
      await indicators.setTarget(t.admin, own, { ...newCases, target: 2 });
      await indicators.setTarget(t.admin, own, { ...newCases, indicator: 'contacts.total', target: 0 });

      const report = await indicators.report(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: own,
        publishing: false,
      });
      expect(report.targets).toEqual([
        { indicator: 'consultations.newCases', labelJa: '新規相談件数', target: 2, actual: 1, rate: 0.5 },
        { indicator: 'contacts.total', labelJa: '延べ件数', target: 0, actual: 1, rate: null },
      ]);
      // A half-year is measured against the fiscal year's target; another year has none.
      const half = await indicators.report(t.worker, {
        period: { kind: 'firstHalf', fiscalYear: 2023 },
        scope: own,
        publishing: false,
      });
      expect(half.targets[0]).toMatchObject({ target: 2, actual: 1 });
      const next = await indicators.report(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2024 },
        scope: own,
        publishing: false,
      });
      expect(next.targets).toEqual([]);
      expect(
        await indicators.csv(t.worker, {
          period: { kind: 'fiscalYear', fiscalYear: 2023 },
          scope: own,
          publishing: false,
        }),
      ).toContain('目標と実績,新規相談件数,2,1,50.0%,consultations.newCases');

      // A 圏域's target is the network administrator's; its published actual is suppressed when small.
      const area = await indicators.saveArea(t.admin, null, {
        name: '中勢伊賀',
        municipalityCodes: ['242012'],
      });
      const areaScope = { kind: 'area' as const, areaId: area.id };
      await indicators.setTarget(t.admin, areaScope, newCases);
      const published = await indicators.report(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: areaScope,
        publishing: true,
      });
      expect(published.scope).toEqual({ kind: 'area', areaId: area.id, municipalityCodes: ['242012'] });
      expect(published.targets).toEqual([
        { indicator: 'consultations.newCases', labelJa: '新規相談件数', target: 4, actual: null, rate: null },
      ]);
      await expect(
        indicators.report(t.worker, {
          period: { kind: 'fiscalYear', fiscalYear: 2023 },
          scope: areaScope,
          publishing: false,
        }),
      ).rejects.toMatchObject({ rule: 'publishing_beyond_own_agency' });
      await expect(
        indicators.report(t.worker, {
          period: { kind: 'fiscalYear', fiscalYear: 2023 },
          scope: { kind: 'area', areaId: 'no-such-area' },
          publishing: true,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });

      // 市町村別: one report per municipality of the 圏域, each published.
      const table = await indicators.byMunicipality(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
      });
      expect(table.map((m) => m.municipalityCode)).toEqual(['242012']);
      expect(table[0]?.report.publishing).toBe(true);
    });
  });
}
