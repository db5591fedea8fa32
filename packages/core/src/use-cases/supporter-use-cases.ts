import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import {
  type ActivityInput,
  changeSupporterStatus,
  type DispatchInput,
  dispatchSupporter,
  endDispatch,
  isFollowUpDue,
  recordFollowUpTraining,
  recordSupporterActivity,
  registerSupporter,
  type Supporter,
  type SupporterDispatch,
  type SupporterInput,
  type SupporterStatus,
} from '../supporters/supporter.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

const CASEWORK = ['staff', 'supervisor'];

/**
 * ひきこもりサポーター: the registering agency's caseworkers keep its registry, dispatch its supporters
 * (to a case the agency works on, or to a programme of its own places) and record their activity.
 * Case dispatches are case records: read and written through the case's access rules, and audited.
 */
export function supporterUseCases(runner: UseCaseRunner) {
  function assertCasework(s: UseCaseScope): void {
    if (!CASEWORK.includes(s.actor.role))
      throw new ForbiddenError('supporter_casework', 'only caseworkers may keep the supporter registry');
  }

  async function ownSupporter(s: UseCaseScope, id: string): Promise<Supporter> {
    const supporter = await s.repos.supporters.get(id);
    if (!supporter || supporter.agencyId !== s.actor.agencyId)
      throw new ForbiddenError('supporter_of_agency', 'supporter not found or not accessible');
    assertCasework(s);
    return supporter;
  }

  async function ownDispatch(s: UseCaseScope, id: string): Promise<SupporterDispatch> {
    const dispatch = await s.repos.supporters.getDispatch(id);
    if (!dispatch || dispatch.agencyId !== s.actor.agencyId)
      throw new ForbiddenError('supporter_of_agency', 'dispatch not found or not accessible');
    assertCasework(s);
    if (dispatch.target.kind === 'case') await writeCase(s, dispatch.target.caseId);
    return dispatch;
  }

  function changeSupporter(
    actor: Actor,
    operation: string,
    id: string,
    change: (s: UseCaseScope, x: Supporter) => Supporter,
  ) {
    return runner.run(actor, operation, { entity: 'supporter', entityId: id, caseId: null }, async (s) => {
      const next = change(s, await ownSupporter(s, id));
      await s.repos.supporters.update(next);
      return next;
    });
  }

  function changeDispatch(
    actor: Actor,
    operation: string,
    id: string,
    change: (s: UseCaseScope, x: SupporterDispatch) => SupporterDispatch,
  ) {
    return runner.run(
      actor,
      operation,
      { entity: 'supporterDispatch', entityId: id, caseId: null },
      async (s) => {
        const next = change(s, await ownDispatch(s, id));
        await s.repos.supporters.updateDispatch(next);
        return next;
      },
    );
  }

  return {
    /** サポーター登録 by the agency that trained them. */
    register(actor: Actor, input: SupporterInput): Promise<Supporter> {
      const id = runner.newId();
      return runner.run(
        actor,
        'supporter.register',
        { entity: 'supporter', entityId: id, caseId: null },
        async (s) => {
          assertCasework(s);
          const supporter = registerSupporter(id, actor.agencyId, input, s.today);
          await s.repos.supporters.insert(supporter);
          return supporter;
        },
      );
    },

    recordFollowUp: (actor: Actor, supporterId: string, on: CalendarDate) =>
      changeSupporter(actor, 'supporter.followUp', supporterId, (s, x) =>
        recordFollowUpTraining(x, on, s.today),
      ),

    changeStatus: (actor: Actor, supporterId: string, status: SupporterStatus) =>
      changeSupporter(actor, 'supporter.status', supporterId, (_s, x) => changeSupporterStatus(x, status)),

    /** The agency's registry; `followUpDueBy` keeps the active supporters due for follow-up by that day. */
    list(
      actor: Actor,
      filter: { readonly followUpDueBy?: CalendarDate } = {},
    ): Promise<readonly Supporter[]> {
      return runner.run(actor, 'supporter.list', null, async (s) => {
        assertCasework(s);
        const all = await s.repos.supporters.listByAgency(actor.agencyId);
        const by = filter.followUpDueBy;
        return by === undefined ? all : all.filter((x) => isFollowUpDue(x, by));
      });
    },

    /** One supporter of the agency's registry, under the same rule as `list`. */
    get(actor: Actor, supporterId: string): Promise<Supporter> {
      return runner.run(actor, 'supporter.list', null, async (s) => {
        assertCasework(s);
        const supporter = await s.repos.supporters.get(supporterId);
        if (!supporter || supporter.agencyId !== actor.agencyId)
          throw new NotFoundError('supporter', supporterId);
        return supporter;
      });
    },

    /** 派遣: to a case the agency works on, or to a programme at one of the agency's places. */
    dispatch(actor: Actor, input: DispatchInput): Promise<SupporterDispatch> {
      const id = runner.newId();
      const target = input.target as DispatchInput['target'] | undefined;
      const caseId = target?.kind === 'case' ? String(target.caseId ?? '') : null;
      return runner.run(
        actor,
        'supporter.dispatch',
        { entity: 'supporterDispatch', entityId: id, caseId },
        async (s) => {
          const supporter = await ownSupporter(s, String(input.supporterId ?? ''));
          if (caseId !== null) await writeCase(s, caseId);
          if (target?.kind === 'programme') {
            const programme = await s.repos.programmes.get(target.programmeId);
            const place = programme ? await s.repos.places.get(programme.placeId) : null;
            if (!place) throw new NotFoundError('programme', target.programmeId, 'target.programmeId');
            if (place.agencyId !== actor.agencyId)
              throw new ForbiddenError('place_operator', "supporters help at the agency's own places");
          }
          const dispatch = dispatchSupporter(id, input, supporter, s.today);
          await s.repos.supporters.insertDispatch(dispatch);
          return dispatch;
        },
      );
    },

    recordActivity: (actor: Actor, dispatchId: string, input: ActivityInput) =>
      changeDispatch(actor, 'supporter.activity', dispatchId, (s, d) =>
        recordSupporterActivity(d, input, s.today),
      ),

    endDispatch: (actor: Actor, dispatchId: string, on: CalendarDate) =>
      changeDispatch(actor, 'supporter.dispatch.end', dispatchId, (_s, d) => endDispatch(d, on)),

    dispatchesOfSupporter(actor: Actor, supporterId: string): Promise<readonly SupporterDispatch[]> {
      return runner.run(actor, 'supporter.dispatch.list', null, async (s) => {
        await ownSupporter(s, supporterId);
        const dispatches = await s.repos.supporters.dispatchesOfSupporter(supporterId);
        for (const d of dispatches)
          if (d.target.kind === 'case')
            s.touched({ entity: 'case', entityId: d.target.caseId, caseId: d.target.caseId });
        return dispatches;
      });
    },

    /** Supporters dispatched to a case: part of its progress record. */
    dispatchesToCase(actor: Actor, caseId: CaseId): Promise<readonly SupporterDispatch[]> {
      return runner.run(
        actor,
        'supporter.dispatch.list',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await readCase(s, caseId, 'contacts');
          return s.repos.supporters.dispatchesToCase(caseId);
        },
      );
    },
  };
}
