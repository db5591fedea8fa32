import { z } from 'zod';
import { canAdministerNetwork, canManageAgency } from '../access/access-rules.ts';
import { type Area, type AreaInput, defineArea } from '../areas/area.ts';
import { indicatorsCsv } from '../indicators/indicator-csv.ts';
import {
  type IndicatorQuery,
  type IndicatorQueryInput,
  type IndicatorScope,
  indicatorQuerySchema,
  indicatorScopeSchema,
} from '../indicators/indicator-input.ts';
import {
  type IndicatorTarget,
  type IndicatorTargetInput,
  scopeKeyOf,
  setIndicatorTarget,
  targetRows,
} from '../indicators/indicator-targets.ts';
import { type IndicatorReport, reportIndicators } from '../indicators/indicators.ts';
import { prefectureOf } from '../municipality/municipality-code.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, parseInput, ValidationError } from '../shared/errors.ts';
import { periodFiscalYear, reportingPeriodSchema } from '../shared/fiscal-year.ts';
import { text } from '../shared/text.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/** A 圏域 asked for by id alone: its municipalities are looked up in the mapping the register keeps. */
const areaByIdSchema = z.object({ kind: z.literal('area'), areaId: text('id') });

/** The query as callers give it: a 圏域 may come by id alone. */
export type IndicatorRequestInput = Omit<IndicatorQueryInput, 'scope'> & {
  readonly scope: IndicatorQueryInput['scope'] | z.input<typeof areaByIdSchema>;
};

const requestSchema = indicatorQuerySchema.extend({
  scope: z.union([indicatorScopeSchema, areaByIdSchema]),
});

export interface MunicipalityIndicators {
  readonly municipalityCode: string;
  readonly report: IndicatorReport;
}

/**
 * モニタリング指標. Exact figures (small counts shown) only for the actor's own agency; figures over
 * a municipality, a 圏域 or the whole register include other agencies' cases and are always given in
 * publishing mode, with small cells suppressed.
 */
export function indicatorUseCases(runner: UseCaseRunner) {
  function checkAccess(actor: Actor, input: IndicatorRequestInput) {
    const request = parseInput(requestSchema, input);
    if (request.scope.kind === 'agency' && request.scope.agencyId !== actor.agencyId && !request.publishing)
      throw new ForbiddenError(
        'indicators_own_agency',
        "exact figures are only for the actor's own agency; ask with publishing: true",
      );
    if (request.scope.kind !== 'agency' && !request.publishing)
      throw new ValidationError([
        {
          field: 'publishing',
          rule: 'publishing_beyond_own_agency',
          message: 'figures beyond your own agency are given in publishing mode only (publishing: true)',
        },
      ]);
    return request;
  }

  async function areaOf(s: UseCaseScope, areaId: string): Promise<Area> {
    const area = await s.repos.indicators.area(areaId);
    if (!area) throw new NotFoundError('area', areaId);
    return area;
  }

  /** The report with the targets of its fiscal year and scope beside the figures. */
  async function reportIn(s: UseCaseScope, query: IndicatorQuery): Promise<IndicatorReport> {
    const report = reportIndicators(await s.repos.indicators.counts(query), query);
    const targets = await s.repos.indicators.targets(scopeKeyOf(query.scope), periodFiscalYear(query.period));
    return { ...report, targets: targetRows(report, targets) };
  }

  async function report(actor: Actor, input: IndicatorRequestInput): Promise<IndicatorReport> {
    const request = checkAccess(actor, input);
    return runner.run(actor, 'indicators.read', null, async (s) => {
      const scope: IndicatorScope =
        request.scope.kind === 'area' && !('municipalityCodes' in request.scope)
          ? await areaOf(s, request.scope.areaId).then((a) => ({
              kind: 'area' as const,
              areaId: a.id,
              municipalityCodes: a.municipalityCodes,
            }))
          : (request.scope as IndicatorScope);
      return reportIn(s, parseInput(indicatorQuerySchema, { ...request, scope }));
    });
  }

  /** Only the admin of the agency for its own figures; the network administrator for any other scope. */
  async function assertMaySetTargets(s: UseCaseScope, scope: IndicatorScope): Promise<void> {
    if (scope.kind === 'agency' && canManageAgency(s.actor, scope.agencyId)) return;
    if (canAdministerNetwork(s.actor, await s.repos.agencies.get(s.actor.agencyId))) return;
    throw new ForbiddenError(
      'indicator_targets',
      "targets are set by the agency's admin for its own figures, and by the network administrator otherwise",
    );
  }

  return {
    report,
    /** The same figures as CSV for Excel (UTF-8 with BOM, formula-safe). */
    async csv(actor: Actor, input: IndicatorRequestInput): Promise<string> {
      return indicatorsCsv(await report(actor, input));
    },

    /**
     * One report per municipality (市町村別): the municipalities of a 圏域, or every municipality of the
     * actor's prefecture that has cases or belongs to a 圏域. Always in publishing mode.
     */
    async byMunicipality(
      actor: Actor,
      input: { readonly period: IndicatorQueryInput['period']; readonly areaId?: string | null },
    ): Promise<MunicipalityIndicators[]> {
      const period = parseInput(reportingPeriodSchema, input.period);
      return runner.run(actor, 'indicators.read', null, async (s) => {
        let codes: readonly string[];
        if (input.areaId) codes = (await areaOf(s, input.areaId)).municipalityCodes;
        else {
          const own = await s.repos.agencies.get(actor.agencyId);
          if (!own) throw new NotFoundError('agency', actor.agencyId);
          const prefecture = prefectureOf(own.municipalityCode);
          const inAreas = (await s.repos.indicators.areas(prefecture)).flatMap((a) => a.municipalityCodes);
          codes = [
            ...new Set([...(await s.repos.indicators.caseMunicipalities(prefecture)), ...inAreas]),
          ].sort();
        }
        const reports: MunicipalityIndicators[] = [];
        for (const municipalityCode of codes)
          reports.push({
            municipalityCode,
            report: await reportIn(
              s,
              parseInput(indicatorQuerySchema, {
                period,
                scope: { kind: 'municipality', municipalityCode },
                publishing: true,
              }),
            ),
          });
        return reports;
      });
    },

    /** 目標値: records (or replaces) the target of one indicator, fiscal year and scope. */
    async setTarget(
      actor: Actor,
      scopeInput: IndicatorRequestInput['scope'],
      input: IndicatorTargetInput,
    ): Promise<IndicatorTarget> {
      const scope = parseInput(z.union([indicatorScopeSchema, areaByIdSchema]), scopeInput);
      return runner.run(actor, 'indicators.setTarget', null, async (s) => {
        const resolved: IndicatorScope =
          scope.kind === 'area' && !('municipalityCodes' in scope)
            ? { kind: 'area', areaId: (await areaOf(s, scope.areaId)).id, municipalityCodes: [] }
            : (scope as IndicatorScope);
        await assertMaySetTargets(s, resolved);
        const target = setIndicatorTarget(resolved, input, actor, runner.now());
        await s.repos.indicators.putTarget(target);
        return target;
      });
    },

    /** 圏域 of the actor's prefecture. Not personal data: every staff member may read them. */
    async areas(actor: Actor): Promise<readonly Area[]> {
      return runner.run(actor, 'areas.read', null, async (s) => {
        const own = await s.repos.agencies.get(actor.agencyId);
        return own ? s.repos.indicators.areas(prefectureOf(own.municipalityCode)) : [];
      });
    },

    /** One 圏域 of the actor's prefecture, as `areas` lists them. */
    async area(actor: Actor, areaId: string): Promise<Area> {
      return runner.run(actor, 'areas.read', null, async (s) => {
        const own = await s.repos.agencies.get(actor.agencyId);
        const area = own ? await s.repos.indicators.area(areaId) : null;
        if (!own || !area || area.prefectureCode !== prefectureOf(own.municipalityCode))
          throw new NotFoundError('area', areaId);
        return area;
      });
    },

    /** Defines a 圏域 (id null) or changes one; the network administrator's task. */
    async saveArea(actor: Actor, id: string | null, input: AreaInput): Promise<Area> {
      return runner.run(actor, 'areas.save', null, async (s) => {
        const own = await s.repos.agencies.get(actor.agencyId);
        if (!canAdministerNetwork(actor, own) || !own)
          throw new ForbiddenError('network_admin', 'only the network administrator defines 圏域');
        const previous = id === null ? null : await areaOf(s, id);
        const draft = defineArea(id ?? runner.newId(), input, [], previous);
        if (draft.prefectureCode !== prefectureOf(own.municipalityCode))
          throw new ValidationError([
            {
              field: 'municipalityCodes',
              rule: 'own_prefecture',
              message: "a 圏域 groups municipalities of the administrator's own prefecture",
            },
          ]);
        const area = defineArea(
          draft.id,
          input,
          await s.repos.indicators.areas(draft.prefectureCode),
          previous,
        );
        await s.repos.indicators.saveArea(area);
        return area;
      });
    },
  };
}
