import type {
  AllowanceDue,
  Attendance,
  Place,
  Programme,
  ProgrammeSession,
  SessionHeadcount,
  Workday,
} from '@hikikomori-register/core';
import { allowanceDue, MUNICIPALITY_CODE_LENGTH } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, caseRecordByKey, gated } from './case.ts';
import { connectionOfList } from './connections.ts';
import type { GraphQLContext } from './context.ts';
import { AttendanceMode, AttendeeKind, PlaceKind, PlacementKind, ProgrammeAudience } from './enums.ts';
import { read } from './errors.ts';
import { localId, recordIdOf, scopedKey } from './ids.ts';
import { maxFormat, maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { lookedUpRecord } from './nodes.ts';
import {
  AgencyRef,
  AttendanceRef,
  CaseRef,
  PlacementRef,
  type PlacementWithAllowance,
  PlaceRef,
  ProgrammeRef,
  ProgrammeSessionRef,
} from './refs.ts';

const ProgrammeConnection = builder.connectionObject(
  { type: ProgrammeRef, name: 'ProgrammeConnection' },
  { name: 'ProgrammeEdge' },
);
/** A place, as `places` lists it (the directory is open to every signed-in actor). */
function placeById(ctx: GraphQLContext, id: string): Promise<Place | null> {
  return lookedUpRecord(ctx.register.programmes.place(ctx.actor, id));
}

builder.node(PlaceRef, {
  description: 'A place, group or host employer (居場所・家族会・職親…) run or registered by an agency.',
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => placeById(ctx, id),
  fields: (t) => ({
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.agencies.load(p.agencyId),
    }),
    kind: t.field({ type: PlaceKind, resolve: (p) => p.kind }),
    name: t.exposeString('name'),
    municipalityCode: t.exposeString('municipalityCode', { nullable: true }),
    online: t.exposeBoolean('online'),
    active: t.exposeBoolean('active'),
    programmes: t.connection(
      {
        type: ProgrammeRef,
        resolve: (p, args, ctx) =>
          read(async () =>
            connectionOfList(
              await ctx.register.programmes.programmesOfPlace(ctx.actor, p.id),
              args,
              (x) => x.id,
            ),
          ),
      },
      ProgrammeConnection,
    ),
  }),
});

const ProgrammeSessionConnection = builder.connectionObject(
  { type: ProgrammeSessionRef, name: 'ProgrammeSessionConnection' },
  { name: 'ProgrammeSessionEdge' },
);
/** A copy, or null: the node resolver marks the object with its type. */
const copy = <T extends object>(x: T | null): T | null => (x ? { ...x } : null);

builder.node(ProgrammeRef, {
  description: 'A recurring activity held at a place (e.g. 月1回の家族会).',
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => ctx.register.programmes.programme(ctx.actor, id).then(copy, () => null),
  fields: (t) => ({
    placeId: t.exposeID('placeId', { deprecationReason: 'Use `place { id }`: this is the plain id.' }),
    place: t.field({ type: PlaceRef, nullable: true, resolve: (p, _a, ctx) => placeById(ctx, p.placeId) }),
    name: t.exposeString('name'),
    audience: t.field({ type: ProgrammeAudience, resolve: (p) => p.audience }),
    allowsOnline: t.exposeBoolean('allowsOnline'),
    frequency: t.exposeString('frequency', { nullable: true }),
    active: t.exposeBoolean('active'),
    sessions: t.connection(
      {
        type: ProgrammeSessionRef,
        description: 'Oldest first.',
        resolve: (p, args, ctx) =>
          read(async () =>
            connectionOfList(await ctx.register.programmes.sessions(ctx.actor, p.id), args, (s) => s.id),
          ),
      },
      ProgrammeSessionConnection,
    ),
  }),
});

const SessionHeadcountRef = builder.objectRef<SessionHeadcount>('SessionHeadcount').implement({
  description: '未登録参加者数: people at a session who are not registered cases (延べ only).',
  fields: (t) => ({
    persons: t.exposeInt('persons', { description: '本人 not registered as a case.' }),
    familyMembers: t.exposeInt('familyMembers', { description: '家族 of people not registered as a case.' }),
    recordedAt: t.field({ type: 'DateTime', resolve: (h) => h.recordedAt }),
    version: t.exposeInt('version'),
  }),
});

builder.node(ProgrammeSessionRef, {
  description: 'One meeting of a programme (開催回).',
  id: { resolve: (s) => s.id },
  loadOne: (id, ctx) => ctx.register.programmes.session(ctx.actor, id).then(copy, () => null),
  fields: (t) => ({
    programmeId: t.exposeID('programmeId', {
      deprecationReason: 'Use `programme { id }`: this is the plain id.',
    }),
    programme: t.field({
      type: ProgrammeRef,
      nullable: true,
      resolve: (s, _a, ctx) => read(() => ctx.register.programmes.programme(ctx.actor, s.programmeId)),
    }),
    heldOn: t.field({ type: 'Date', resolve: (s) => s.heldOn }),
    startsAt: t.exposeString('startsAt', { nullable: true, description: 'HH:MM, Japan time.' }),
    durationMinutes: t.exposeInt('durationMinutes', { nullable: true }),
    headcount: t.field({
      type: SessionHeadcountRef,
      nullable: true,
      description: '未登録参加者数; null until the operator records it.',
      resolve: (s, _a, ctx) => read(() => ctx.register.programmes.headcount(ctx.actor, s.id)),
    }),
  }),
});

const Attendee = builder.objectRef<Attendance['attendee']>('Attendee').implement({
  fields: (t) => ({
    kind: t.field({ type: AttendeeKind, resolve: (a) => a.kind }),
    householdMemberId: t.id({
      nullable: true,
      resolve: (a) => (a.kind === 'familyMember' ? a.householdMemberId : null),
    }),
  }),
});

builder.node(AttendanceRef, {
  description: '参加記録: one attendee of a case at one session.',
  id: { resolve: (a) => scopedKey(a.caseId, a.id) },
  loadOne: (key, ctx) =>
    caseRecordByKey(ctx, key, 'contacts', (v) =>
      ctx.register.programmes.attendanceOfCase(ctx.actor, v.record.id),
    ),
  fields: (t) => ({
    sessionId: t.exposeID('sessionId', { deprecationReason: 'Use `session { id }`: this is the plain id.' }),
    session: t.field({
      type: ProgrammeSessionRef,
      nullable: true,
      resolve: (a, _x, ctx) => read(() => ctx.register.programmes.session(ctx.actor, a.sessionId)),
    }),
    case: t.field({ type: CaseRef, nullable: true, resolve: (a, _x, ctx) => caseOf(ctx, a.caseId) }),
    attendee: t.field({ type: Attendee, resolve: (a) => a.attendee }),
    attendedOn: t.field({ type: 'Date', resolve: (a) => a.attendedOn }),
    mode: t.field({ type: AttendanceMode, resolve: (a) => a.mode }),
  }),
});

const WorkdayType = builder.objectRef<Workday>('Workday').implement({
  fields: (t) => ({ on: t.field({ type: 'Date', resolve: (w) => w.on }), hours: t.exposeFloat('hours') }),
});

const Allowance = builder.objectRef<AllowanceDue>('AllowanceDue').implement({
  description: 'Allowances due for the workdays recorded (whole yen, rounded down once).',
  fields: (t) => ({
    personYen: t.exposeInt('personYen'),
    hostYen: t.exposeInt('hostYen'),
    days: t.exposeInt('days'),
    hours: t.exposeFloat('hours'),
    payableHours: t.exposeFloat('payableHours'),
  }),
});

builder.node(PlacementRef, {
  description: '職場体験: a planned period at a host employer. Not employment: no wage is paid.',
  id: { resolve: (p) => scopedKey(p.caseId, p.id) },
  loadOne: (key, ctx) =>
    caseRecordByKey(ctx, key, 'plans', (v) =>
      ctx.register.programmes.placementsOfCase(ctx.actor, v.record.id),
    ),
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (p, _x, ctx) => caseOf(ctx, p.caseId) }),
    hostPlaceId: t.exposeID('hostPlaceId', {
      deprecationReason: 'Use `hostPlace { id }`: this is the plain id.',
    }),
    hostPlace: t.field({
      type: PlaceRef,
      nullable: true,
      resolve: (p, _a, ctx) => placeById(ctx, p.hostPlaceId),
    }),
    startsOn: t.field({ type: 'Date', resolve: (p) => p.startsOn }),
    endsOn: t.field({ type: 'Date', resolve: (p) => p.endsOn }),
    kind: t.field({ type: PlacementKind, resolve: (p) => p.kind }),
    workdays: t.field({ type: [WorkdayType], resolve: (p) => [...p.workdays] }),
    allowance: t.field({ type: Allowance, resolve: (p) => p.allowance }),
  }),
});

const AttendanceConnection = builder.connectionObject(
  { type: AttendanceRef, name: 'AttendanceConnection' },
  { name: 'AttendanceEdge' },
);
const PlacementConnection = builder.connectionObject(
  { type: PlacementRef, name: 'PlacementConnection' },
  { name: 'PlacementEdge' },
);
builder.objectFields(CaseRef, (t) => ({
  attendance: t.connection(
    {
      type: AttendanceRef,
      nullable: true,
      description: 'Attendance at programmes, oldest first.',
      resolve: (v, args, ctx) =>
        gated(v, 'contacts', async () =>
          connectionOfList(
            await ctx.register.programmes.attendanceOfCase(ctx.actor, v.record.id),
            args,
            (a) => a.id,
          ),
        ),
    },
    AttendanceConnection,
  ),
  placements: t.connection(
    {
      type: PlacementRef,
      nullable: true,
      description: 'Work experience placements with the allowance due, oldest first.',
      resolve: (v, args, ctx) =>
        gated(v, 'plans', async () =>
          connectionOfList(
            await ctx.register.programmes.placementsOfCase(ctx.actor, v.record.id),
            args,
            (p) => p.id,
          ),
        ),
    },
    PlacementConnection,
  ),
}));

const PlaceFilter = builder.inputType('PlaceFilter', {
  fields: (t) => ({ agencyId: t.id(), kind: t.field({ type: PlaceKind }) }),
});

const PlaceConnection = builder.connectionObject(
  { type: PlaceRef, name: 'PlaceConnection' },
  { name: 'PlaceEdge' },
);
builder.queryFields((t) => ({
  places: t.connection(
    {
      type: PlaceRef,
      description: 'Places by name, then id.',
      args: { filter: t.arg({ type: PlaceFilter }) },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const f = args.filter ?? {};
          const list = await ctx.register.programmes.places(ctx.actor, {
            ...(f.agencyId ? { agencyId: localId('Agency', String(f.agencyId), 'filter.agencyId') } : {}),
            ...(f.kind ? { kind: f.kind } : {}),
          });
          return connectionOfList(list, args, (p) => p.id);
        }),
    },
    PlaceConnection,
  ),
  placementRules: t.field({
    type: 'JSON',
    description: "The work experience scheme's rules in force (configuration).",
    resolve: (_root, _args, ctx) => ctx.register.programmes.placementRules(),
  }),
}));

const CreatePlaceInput = builder.inputType('CreatePlaceInput', {
  fields: (t) => ({
    kind: t.field({ type: PlaceKind, required: true }),
    name: t.string({ ...maxText('name'), required: true }),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
    online: t.boolean(),
    active: t.boolean(),
  }),
});

const CreateProgrammeInput = builder.inputType('CreateProgrammeInput', {
  fields: (t) => ({
    placeId: t.id({ required: true }),
    name: t.string({ ...maxText('name'), required: true }),
    audience: t.field({ type: ProgrammeAudience, required: true }),
    allowsOnline: t.boolean(),
    frequency: t.string(maxText('name')),
    active: t.boolean(),
  }),
});

const AddSessionInput = builder.inputType('AddProgrammeSessionInput', {
  fields: (t) => ({
    programmeId: t.id({ required: true }),
    heldOn: t.field({ type: 'Date', required: true }),
    startsAt: t.string({ ...maxFormat('HH:MM'.length), description: 'HH:MM' }),
    durationMinutes: t.int(),
  }),
});

const AttendeeInput = builder.inputType('AttendeeInput', {
  fields: (t) => ({ kind: t.field({ type: AttendeeKind, required: true }), householdMemberId: t.id() }),
});

const RecordAttendanceInput = builder.inputType('RecordAttendanceInput', {
  fields: (t) => ({
    sessionId: t.id({ required: true }),
    caseId: t.id({ required: true }),
    attendee: t.field({ type: AttendeeInput, required: true }),
    attendedOn: t.field({ type: 'Date' }),
    mode: t.field({ type: AttendanceMode }),
  }),
});

const PlanPlacementInput = builder.inputType('PlanPlacementInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    hostPlaceId: t.id({ required: true }),
    startsOn: t.field({ type: 'Date', required: true }),
    endsOn: t.field({ type: 'Date', required: true }),
  }),
});

const RecordWorkdayInput = builder.inputType('RecordWorkdayInput', {
  fields: (t) => ({
    placementId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true }),
    hours: t.float({ required: true, description: 'In 15-minute steps (0.25).' }),
  }),
});

const PlacePayload = payloadType<Place>('PlacePayload', 'The created place.', {
  place: { type: PlaceRef, pick: (p) => p },
});
const ProgrammePayload = payloadType<Programme>('ProgrammePayload', 'The created programme.', {
  programme: { type: ProgrammeRef, pick: (p) => p },
});
const SessionPayload = payloadType<ProgrammeSession>('ProgrammeSessionPayload', 'The added session.', {
  session: { type: ProgrammeSessionRef, pick: (s) => s },
});
const AttendancePayload = payloadType<Attendance>('AttendancePayload', 'The recorded attendance.', {
  attendance: { type: AttendanceRef, pick: (a) => a },
});
const PlacementPayload = payloadType<PlacementWithAllowance>(
  'PlacementPayload',
  'The placement after the change.',
  {
    placement: { type: PlacementRef, pick: (p) => p },
  },
);

const RecordSessionHeadcountInput = builder.inputType('RecordSessionHeadcountInput', {
  fields: (t) => ({
    sessionId: t.id({ required: true }),
    persons: t.int({ description: '本人 not registered as a case (default 0).' }),
    familyMembers: t.int({ description: '家族 of people not registered as a case (default 0).' }),
  }),
});
const SessionHeadcountPayload = payloadType<SessionHeadcount>(
  'SessionHeadcountPayload',
  'The headcount recorded.',
  {
    headcount: { type: SessionHeadcountRef, pick: (h) => h },
  },
);

builder.mutationFields((t) => ({
  createPlace: t.field({
    type: PlacePayload,
    description: "A place run by the actor's agency.",
    args: { input: t.arg({ type: CreatePlaceInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => ctx.register.programmes.createPlace(ctx.actor, compact(input))),
  }),
  createProgramme: t.field({
    type: ProgrammePayload,
    args: { input: t.arg({ type: CreateProgrammeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.programmes.createProgramme(ctx.actor, {
          ...compact(input),
          placeId: recordIdOf('Place', input.placeId, 'placeId'),
        }),
      ),
  }),
  addProgrammeSession: t.field({
    type: SessionPayload,
    args: { input: t.arg({ type: AddSessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.programmes.addSession(ctx.actor, {
          ...compact(input),
          programmeId: recordIdOf('Programme', input.programmeId, 'programmeId'),
        }),
      ),
  }),
  recordSessionHeadcount: t.field({
    type: SessionHeadcountPayload,
    description: '未登録参加者数, by the operator of the place; a correction replaces the count.',
    args: { input: t.arg({ type: RecordSessionHeadcountInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.programmes.recordHeadcount(
          ctx.actor,
          recordIdOf('ProgrammeSession', input.sessionId, 'sessionId'),
          {
            persons: input.persons ?? 0,
            familyMembers: input.familyMembers ?? 0,
          },
        ),
      ),
  }),
  recordAttendance: t.field({
    type: AttendancePayload,
    description: '参加記録, by the operator of the place, for a case its agency works on.',
    args: { input: t.arg({ type: RecordAttendanceInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.programmes.recordAttendance(ctx.actor, {
          ...compact(input),
          sessionId: recordIdOf('ProgrammeSession', input.sessionId, 'sessionId'),
          caseId: localId('Case', String(input.caseId), 'caseId'),
          attendee: compact(input.attendee) as never,
        }),
      ),
  }),
  planPlacement: t.field({
    type: PlacementPayload,
    description: '職場体験の計画, checked against the scheme and the case’s earlier placements.',
    args: { input: t.arg({ type: PlanPlacementInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const placement = await ctx.register.programmes.planPlacement(ctx.actor, {
          ...input,
          caseId: localId('Case', String(input.caseId), 'caseId'),
          hostPlaceId: recordIdOf('Place', input.hostPlaceId, 'hostPlaceId'),
        });
        return { ...placement, allowance: allowanceDue(placement, ctx.register.programmes.placementRules()) };
      }),
  }),
  recordWorkday: t.field({
    type: PlacementPayload,
    args: { input: t.arg({ type: RecordWorkdayInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const placement = await ctx.register.programmes.recordWorkday(
          ctx.actor,
          recordIdOf('Placement', input.placementId, 'placementId'),
          {
            on: input.on,
            hours: input.hours,
          },
        );
        return { ...placement, allowance: allowanceDue(placement, ctx.register.programmes.placementRules()) };
      }),
  }),
}));
