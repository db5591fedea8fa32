import { indicatorsCsv } from '../indicators/indicator-csv.ts';
import { type IndicatorQueryInput, indicatorQuerySchema } from '../indicators/indicator-input.ts';
import { type IndicatorReport, reportIndicators } from '../indicators/indicators.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, parseInput, ValidationError } from '../shared/errors.ts';
import type { UseCaseRunner } from './context.ts';

/**
 * モニタリング指標. Exact figures (small counts shown) only for the actor's own agency; figures over
 * a municipality or the whole register include other agencies' cases and are always given in
 * publishing mode, with small cells suppressed.
 */
export function indicatorUseCases(runner: UseCaseRunner) {
  async function report(actor: Actor, input: IndicatorQueryInput): Promise<IndicatorReport> {
    const query = parseInput(indicatorQuerySchema, input);
    if (query.scope.kind === 'agency' && query.scope.agencyId !== actor.agencyId && !query.publishing)
      throw new ForbiddenError(
        'indicators_own_agency',
        "exact figures are only for the actor's own agency; ask with publishing: true",
      );
    if (query.scope.kind !== 'agency' && !query.publishing)
      throw new ValidationError([
        {
          field: 'publishing',
          rule: 'publishing_beyond_own_agency',
          message: 'figures beyond your own agency are given in publishing mode only (publishing: true)',
        },
      ]);
    return runner.run(actor, 'indicators.read', null, async (s) =>
      reportIndicators(await s.repos.indicators.counts(query), query),
    );
  }

  return {
    report,
    /** The same figures as CSV for Excel (UTF-8 with BOM, formula-safe). */
    async csv(actor: Actor, input: IndicatorQueryInput): Promise<string> {
      return indicatorsCsv(await report(actor, input));
    },
  };
}
