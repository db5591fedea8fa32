import { canOperatePlace, canRecordAttendance } from '../access/access-rules.ts';
import { type Attendance, type RecordAttendanceInput, recordAttendance } from '../programmes/attendance.ts';
import {
  recordSessionHeadcount,
  type SessionHeadcount,
  type SessionHeadcountInput,
} from '../programmes/headcount.ts';
import { createPlace, type Place, type PlaceInput, type PlaceKind } from '../programmes/place.ts';
import {
  type AllowanceDue,
  allowanceDue,
  type Placement,
  type PlanPlacementInput,
  planPlacement,
  recordWorkday,
  type WorkdayInput,
} from '../programmes/placement.ts';
import type { PlacementRules } from '../programmes/placement-rules.ts';
import {
  createProgramme,
  createProgrammeSession,
  type Programme,
  type ProgrammeInput,
  type ProgrammeSession,
  type ProgrammeSessionInput,
} from '../programmes/programme.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import type {
  AgencyId,
  CaseId,
  PlaceId,
  PlacementId,
  ProgrammeId,
  ProgrammeSessionId,
} from '../shared/ids.ts';
import { notAccessible, readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

const CASEWORK = ['staff', 'supervisor'];

/** Places, programmes, sessions and attendance (居場所・家族教室…), and work experience placements (職場体験). */
export function programmeUseCases(runner: UseCaseRunner, placementRules: PlacementRules) {
  function assertOperator(s: UseCaseScope, place: Place): void {
    if (!canOperatePlace(s.actor, place.agencyId))
      throw new ForbiddenError(
        'place_operator',
        'only caseworkers or operators of the operating agency may change this place',
      );
  }

  function changePlacement(
    actor: Actor,
    operation: string,
    placementId: PlacementId,
    change: (placement: Placement, s: UseCaseScope) => Placement,
  ): Promise<Placement> {
    return runner.run(
      actor,
      operation,
      { entity: 'placement', entityId: placementId, caseId: null },
      async (s) => {
        const placement = await s.repos.placements.get(placementId);
        if (!placement) throw new ForbiddenError('case_write', 'placement not found or not accessible');
        await writeCase(s, placement.caseId);
        const next = change(placement, s);
        await s.repos.placements.update(next);
        return next;
      },
    );
  }

  return {
    /** The scheme's placement rules in force (configuration, not data). */
    placementRules: (): PlacementRules => placementRules,

    /** A place run by the actor's agency. */
    createPlace(actor: Actor, input: Omit<PlaceInput, 'agencyId'>): Promise<Place> {
      const id = runner.newId();
      return runner.run(actor, 'place.create', { entity: 'place', entityId: id, caseId: null }, async (s) => {
        if (!CASEWORK.includes(actor.role) && actor.role !== 'agencyAdmin')
          throw new ForbiddenError('place_operator', 'only staff of the operating agency may create a place');
        const place = createPlace(id, { ...input, agencyId: actor.agencyId } as PlaceInput);
        await s.repos.places.insert(place);
        return place;
      });
    },

    places(actor: Actor, filter: { agencyId?: AgencyId; kind?: PlaceKind } = {}): Promise<readonly Place[]> {
      return runner.run(actor, 'place.list', null, (s) => s.repos.places.list(filter));
    },

    /** One place, as `places` lists it. */
    place(actor: Actor, placeId: string): Promise<Place> {
      return runner.run(actor, 'place.list', null, async (s) => {
        const place = await s.repos.places.get(placeId);
        if (!place) throw new NotFoundError('place', placeId);
        return place;
      });
    },

    createProgramme(actor: Actor, input: ProgrammeInput): Promise<Programme> {
      const id = runner.newId();
      return runner.run(
        actor,
        'programme.create',
        { entity: 'programme', entityId: id, caseId: null },
        async (s) => {
          const placeId = String(input.placeId ?? '');
          const place = await s.repos.places.get(placeId);
          if (!place) throw new NotFoundError('place', placeId, 'placeId');
          assertOperator(s, place);
          const programme = createProgramme(id, input, { place });
          await s.repos.programmes.insert(programme);
          return programme;
        },
      );
    },

    programmesOfPlace(actor: Actor, placeId: PlaceId): Promise<readonly Programme[]> {
      return runner.run(actor, 'programme.list', null, (s) => s.repos.programmes.listByPlace(placeId));
    },

    /** One programme by id, as `programmesOfPlace` lists it (the directory is open); null when none. */
    programme(actor: Actor, programmeId: ProgrammeId): Promise<Programme | null> {
      return runner.run(actor, 'programme.read', null, (s) => s.repos.programmes.get(programmeId));
    },

    addSession(actor: Actor, input: ProgrammeSessionInput): Promise<ProgrammeSession> {
      const id = runner.newId();
      return runner.run(
        actor,
        'programme.session.add',
        { entity: 'programmeSession', entityId: id, caseId: null },
        async (s) => {
          const programmeId = String(input.programmeId ?? '');
          const programme = await s.repos.programmes.get(programmeId);
          if (!programme) throw new NotFoundError('programme', programmeId, 'programmeId');
          const place = await s.repos.places.get(programme.placeId);
          if (!place) throw new NotFoundError('place', programme.placeId);
          assertOperator(s, place);
          const session = createProgrammeSession(id, input);
          await s.repos.programmes.insertSession(session);
          return session;
        },
      );
    },

    sessions(actor: Actor, programmeId: ProgrammeId): Promise<readonly ProgrammeSession[]> {
      return runner.run(actor, 'programme.session.list', null, (s) =>
        s.repos.programmes.listSessions(programmeId),
      );
    },

    /** One session by id, as `sessions` lists it; null when none. */
    session(actor: Actor, sessionId: ProgrammeSessionId): Promise<ProgrammeSession | null> {
      return runner.run(actor, 'programme.session.read', null, (s) =>
        s.repos.programmes.getSession(sessionId),
      );
    },

    /**
     * 参加記録: by the agency running the place, for a case that agency works on (joint support
     * counts): its caseworkers, or its operators (参加記録担当) without casework access.
     */
    recordAttendance(actor: Actor, input: RecordAttendanceInput): Promise<Attendance> {
      const caseId = String(input.caseId ?? '');
      return runner.run(
        actor,
        'attendance.record',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await s.repos.cases.get(caseId);
          if (!record) throw notAccessible('case_write');
          const sessionId = String(input.sessionId ?? '');
          const session = await s.repos.programmes.getSession(sessionId);
          if (!session) throw new NotFoundError('session', sessionId, 'sessionId');
          const programme = await s.repos.programmes.get(session.programmeId);
          const place = programme ? await s.repos.places.get(programme.placeId) : null;
          if (!programme || !place) throw new NotFoundError('programme', session.programmeId, 'sessionId');
          // Refused like any unseen case: an agency learns nothing of cases it does not work on.
          if (!canRecordAttendance(actor, record, place.agencyId)) throw notAccessible('attendance_record');
          const person = await s.repos.persons.get(record.personId);
          const existing = await s.repos.programmes.listAttendanceBySession(sessionId);
          const attendance = recordAttendance(s.newId(), input, {
            session,
            programme,
            place,
            household: person?.household ?? [],
            existing,
          });
          await s.repos.programmes.insertAttendance(attendance);
          s.touched({ entity: 'attendance', entityId: attendance.id, caseId });
          return attendance;
        },
      );
    },

    /**
     * 未登録参加者数: how many people not registered as cases came to a session, by the operator of the
     * place. No case is touched, so no case access is needed; a correction replaces the count.
     */
    recordHeadcount(
      actor: Actor,
      sessionId: ProgrammeSessionId,
      input: SessionHeadcountInput,
    ): Promise<SessionHeadcount> {
      return runner.run(
        actor,
        'programme.session.headcount',
        { entity: 'programmeSession', entityId: sessionId, caseId: null },
        async (s) => {
          const session = await s.repos.programmes.getSession(sessionId);
          if (!session) throw new NotFoundError('session', sessionId, 'sessionId');
          const programme = await s.repos.programmes.get(session.programmeId);
          const place = programme ? await s.repos.places.get(programme.placeId) : null;
          if (!programme || !place) throw new NotFoundError('programme', session.programmeId, 'sessionId');
          assertOperator(s, place);
          const headcount = recordSessionHeadcount(input, {
            session,
            programme,
            previous: await s.repos.programmes.getHeadcount(sessionId),
            actor,
            now: s.now,
          });
          await s.repos.programmes.saveHeadcount(headcount);
          return headcount;
        },
      );
    },

    headcount(actor: Actor, sessionId: ProgrammeSessionId): Promise<SessionHeadcount | null> {
      return runner.run(actor, 'programme.session.headcount.read', null, (s) =>
        s.repos.programmes.getHeadcount(sessionId),
      );
    },

    attendanceOfCase(actor: Actor, caseId: CaseId): Promise<readonly Attendance[]> {
      return runner.run(actor, 'attendance.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'contacts');
        return s.repos.programmes.listAttendanceByCase(caseId);
      });
    },

    /** 職場体験の計画, checked against the scheme's rules and the case's earlier placements. */
    planPlacement(actor: Actor, input: PlanPlacementInput): Promise<Placement> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'placement.plan', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await writeCase(s, caseId);
        const hostPlaceId = String(input.hostPlaceId ?? '');
        const hostPlace = await s.repos.places.get(hostPlaceId);
        if (!hostPlace) throw new NotFoundError('place', hostPlaceId, 'hostPlaceId');
        const existingPlacements = await s.repos.placements.listByCase(caseId);
        const placement = planPlacement(s.newId(), input, {
          rules: placementRules,
          existingPlacements,
          hostPlace,
        });
        await s.repos.placements.insert(placement);
        s.touched({ entity: 'placement', entityId: placement.id, caseId });
        return placement;
      });
    },

    recordWorkday(actor: Actor, placementId: PlacementId, input: WorkdayInput): Promise<Placement> {
      return changePlacement(actor, 'placement.workday', placementId, (p, s) =>
        recordWorkday(p, input, { today: s.today }),
      );
    },

    placementsOfCase(
      actor: Actor,
      caseId: CaseId,
    ): Promise<readonly (Placement & { allowance: AllowanceDue })[]> {
      return runner.run(actor, 'placement.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'plans');
        const placements = await s.repos.placements.listByCase(caseId);
        return placements.map((p) => ({ ...p, allowance: allowanceDue(p, placementRules) }));
      });
    },
  };
}
