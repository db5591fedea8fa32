import {
  type AgeBandCutoffs,
  type AgeCutoff,
  type AuditEntry,
  type AuditQuery,
  ageBandCutoffs,
  type CaseCountQuery,
  composedCaseloadPage,
  DUPLICATE_LOOKUP_LIMIT,
  decodeCursor,
  eightZeroFiveZeroCutoffs,
  encodeCursor,
  NotFoundError,
  type Page,
  type PageRequest,
  type PersonSearchQuery,
  type Repositories,
  ValidationError,
  VersionConflictError,
} from '@hikikomori-register/core';
import type { Prisma, PrismaClient } from '../generated/sqlite/client.ts';
import {
  caseloadPageSql,
  caseloadSqlCovers,
  caseloadWayFor,
  type RawQuery,
  rawQueryOf,
} from './caseload-sql.ts';
import {
  casesById,
  casesOfPerson,
  contactTallyStatements,
  inForceStatements,
  runStatements,
  type Statement,
} from './contact-tallies.ts';
import { indicatorSettings } from './indicator-settings.ts';
import * as rows from './rows.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { type SecondConnection, sqlIndicatorCounts } from './sql-indicators.ts';

/** The client inside one interactive transaction. */
export type Tx = Prisma.TransactionClient;

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';

/** An append that lost the race for (key, sequence) is a concurrent write: a conflict, never a silent merge. */
async function appendOnce(
  entity: string,
  caseId: string,
  sequence: number,
  write: () => Promise<unknown>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new VersionConflictError(entity, caseId, sequence - 1, sequence);
    throw error;
  }
}

/** Compare-and-set on `version`: the row changes only if nobody changed it since it was read. */
async function casUpdate(
  entity: string,
  id: string,
  version: number,
  update: (expectedStored: number) => Promise<{ count: number }>,
  currentVersion: () => Promise<number | null>,
): Promise<void> {
  const { count } = await update(version - 1);
  if (count === 1) return;
  const actual = await currentVersion();
  if (actual === null) throw new NotFoundError(entity, id);
  throw new VersionConflictError(entity, id, version - 1, actual);
}

/**
 * A record saved whole per case (`saveWhole` in the ports): version 1 is an insert that a concurrent
 * first save makes fail on the key; a later version is a compare-and-set on the previous one.
 */
async function saveWhole(
  entity: string,
  caseId: string,
  version: number,
  insert: () => Promise<unknown>,
  update: (expectedStored: number) => Promise<{ count: number }>,
  currentVersion: () => Promise<number | null>,
): Promise<void> {
  if (version === 1) return appendOnce(entity, caseId, 1, insert);
  return casUpdate(entity, caseId, version, update, currentVersion);
}

/** Newest-first keyset page over (createdAt-like instant, id). */
function keysetWhere(after: string | null | undefined, atField: string) {
  const cursor = after ? decodeCursor(after) : null;
  if (!cursor) return {};
  return { OR: [{ [atField]: { lt: cursor.at } }, { [atField]: cursor.at, id: { lt: cursor.id } }] };
}

function toPage<T, R>(
  rowsPlusOne: readonly R[],
  request: PageRequest,
  map: (r: R) => T,
  key: (r: R) => { at: Date; id: string },
): Page<T> {
  const pageRows = rowsPlusOne.slice(0, request.first);
  const cursors = pageRows.map((r) => {
    const k = key(r);
    return encodeCursor(k.at, k.id);
  });
  return {
    items: pageRows.map(map),
    cursors,
    hasNextPage: rowsPlusOne.length > request.first,
    endCursor: cursors.at(-1) ?? null,
  };
}

const caseInclude = { supportingAgencies: true } as const;
const referralInclude = { history: true } as const;
const meetingInclude = { members: true, cases: true } as const;
const conferenceInclude = { attendees: true, discussions: true } as const;
const newestConferenceFirst = [{ heldOn: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }] as const;

/**
 * `contains` is LIKE: case-insensitive for Latin letters on SQLite; PostgreSQL needs ILIKE for the
 * same (the core's `matchesNameSearch` is the definition both follow).
 */
function nameContains(value: string, dialect: SqlDialect): Prisma.StringFilter {
  return (
    dialect.provider === 'postgresql' ? { contains: value, mode: 'insensitive' } : { contains: value }
  ) as Prisma.StringFilter;
}

function auditWhere(query: AuditQuery): Prisma.AuditEntryWhereInput {
  return {
    ...(query.agencyId !== undefined ? { actorAgencyId: query.agencyId } : {}),
    ...(query.caseId !== undefined ? { caseId: query.caseId } : {}),
    ...(query.staffId !== undefined ? { actorStaffId: query.staffId } : {}),
    ...(query.operation !== undefined ? { operation: query.operation } : {}),
    ...(query.from !== undefined || query.to !== undefined
      ? {
          at: {
            ...(query.from !== undefined ? { gte: query.from } : {}),
            ...(query.to !== undefined ? { lt: query.to } : {}),
          },
        }
      : {}),
  };
}

/** At least the cutoff's age: the full birth date decides when there is one, else the year-month. */
function ageAtLeast(c: AgeCutoff): Prisma.PersonWhereInput {
  return {
    OR: [
      { birthDate: { lte: c.bornOnOrBefore } },
      { birthDate: null, birthYearMonth: { lte: c.bornInMonthOnOrBefore } },
    ],
  };
}

/** A known age below the cutoff's (unknown ages are neither at least nor below). */
function ageBelow(c: AgeCutoff): Prisma.PersonWhereInput {
  return {
    OR: [
      { birthDate: { gt: c.bornOnOrBefore } },
      { birthDate: null, birthYearMonth: { gt: c.bornInMonthOnOrBefore } },
    ],
  };
}

function ageBandWhere(c: AgeBandCutoffs): Prisma.PersonWhereInput {
  if (c.band === 'unknown') return { OR: [{ birthDate: null, birthYearMonth: null }, ageBelow(c.below)] };
  return { AND: [ageAtLeast(c.atLeast), ...(c.below ? [ageBelow(c.below)] : [])] };
}

function caseWhere(query: CaseCountQuery, dialect: SqlDialect): Prisma.CaseWhereInput {
  const f = query.filter;
  const a = query.visibleToAgencyId;
  const and: Prisma.CaseWhereInput[] = [
    {
      OR: [
        { leadAgencyId: a },
        { supportingAgencies: { some: { agencyId: a } } },
        { referrals: { some: { toAgencyId: a, status: 'sent' } } },
      ],
    },
  ];
  if (f.stage !== undefined) and.push({ stage: f.stage });
  if (f.status !== undefined) and.push({ status: f.status });
  if (f.leadAgencyId !== undefined) and.push({ leadAgencyId: f.leadAgencyId });
  if (f.agencyId !== undefined)
    and.push({
      OR: [{ leadAgencyId: f.agencyId }, { supportingAgencies: { some: { agencyId: f.agencyId } } }],
    });
  if (f.municipalityCode !== undefined) and.push({ municipalityCode: f.municipalityCode });
  if (f.assignedStaffId !== undefined)
    and.push({ staffAssignments: { some: { staffId: f.assignedStaffId, endedOn: null } } });
  if (f.personReached !== undefined)
    and.push(
      f.personReached
        ? { contacts: { some: { personContact: 'reached', voidedAt: null } } }
        : { contacts: { none: { personContact: 'reached', voidedAt: null } } },
    );
  if (f.referralPending !== undefined)
    and.push(
      f.referralPending
        ? { referrals: { some: { status: 'sent' } } }
        : { referrals: { none: { status: 'sent' } } },
    );
  if (f.reviewOverdueOn !== undefined)
    and.push({ supportPlans: { some: { closed: false, reviewDueOn: { lt: f.reviewOverdueOn } } } });
  if (f.personName !== undefined || f.ageBand !== undefined || f.eightZeroFiveZeroOn !== undefined)
    // Filters on the person's own details cover the cases the agency supports, never those it only
    // holds a referral for.
    and.push({ OR: [{ leadAgencyId: a }, { supportingAgencies: { some: { agencyId: a } } }] });
  if (f.ageBand !== undefined)
    and.push({ person: ageBandWhere(ageBandCutoffs(f.ageBand.band, f.ageBand.on)) });
  if (f.eightZeroFiveZeroOn !== undefined) {
    const c = eightZeroFiveZeroCutoffs(f.eightZeroFiveZeroOn);
    and.push({
      person: {
        AND: [
          ageAtLeast(c.person),
          {
            household: {
              some: {
                relation: { in: [...c.parentRelations] },
                livesWithPerson: true,
                birthYear: { lte: c.parentBornInOrBefore },
              },
            },
          },
        ],
      },
    });
  }
  if (f.personName !== undefined) {
    for (const term of f.personName)
      and.push({
        person: {
          OR: term.spellings.flatMap((s) => [
            { displayName: nameContains(s, dialect) },
            { kana: { contains: s } },
          ]),
        },
      });
  }
  return { AND: and };
}

/** 当事者検索 on the stored search keys, among persons on cases the agency leads or supports. */
function personSearchWhere(query: Omit<PersonSearchQuery, 'page'>): Prisma.PersonWhereInput {
  const f = query.filter;
  const a = query.visibleToAgencyId;
  return {
    mergedIntoId: null,
    cases: { some: { OR: [{ leadAgencyId: a }, { supportingAgencies: { some: { agencyId: a } } }] } },
    ...(f.nameKey !== undefined && { nameKey: { contains: f.nameKey } }),
    ...(f.kanaKey !== undefined && { kanaKey: { contains: f.kanaKey } }),
    ...(f.birthYearMonth !== undefined && { birthYearMonth: f.birthYearMonth }),
    ...(f.municipalityCode !== undefined && { municipalityCode: f.municipalityCode }),
  };
}

const AUDIT_COLUMNS = Object.keys(
  rows.auditRow({
    id: '',
    at: new Date(0),
    staffId: '',
    agencyId: '',
    role: 'staff',
    operation: '',
    entity: '',
    entityId: '',
    caseId: null,
    sections: [],
    outcome: 'allowed',
  }),
);

/**
 * Appends audit entries in one statement. Every read is audited, so a caseload page writes an entry per
 * case shown: the entries go as ONE JSON parameter (not ten placeholders per entry), which
 * keeps both the statement text and the client's parameter handling small.
 */
export async function appendAuditEntries(
  tx: Tx,
  dialect: SqlDialect,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRawUnsafe(auditInsertSql(dialect), auditDocument(dialect, entries));
}

/**
 * The statement behind `appendAuditEntries`, with the entries as its one parameter (`auditDocument`).
 * `skipExisting` leaves out entries whose id is already there (a journal moved again after a crash).
 */
export function auditInsertSql(
  dialect: SqlDialect,
  options: { readonly skipExisting?: boolean } = {},
): string {
  const columns = AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const skip = options.skipExisting ? ' ON CONFLICT ("id") DO NOTHING' : '';
  return dialect.provider === 'postgresql'
    ? `INSERT INTO "AuditEntry" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"AuditEntry", $1::json)${skip}`
    : `INSERT INTO "AuditEntry" (${columns}) SELECT ${AUDIT_COLUMNS.map((c) => `json_extract("value", '$.${c}')`).join(', ')} FROM json_each(?) WHERE true${skip}`;
}

export function auditDocument(dialect: SqlDialect, entries: readonly AuditEntry[]): string {
  return JSON.stringify(
    entries.map((e) => {
      const row = rows.auditRow(e);
      return {
        ...row,
        at:
          dialect.provider === 'sqlite' ? row.at.toISOString().replace('Z', '+00:00') : row.at.toISOString(),
      };
    }),
  );
}

/**
 * The core's ports over one Prisma transaction (or the reader). `second`, when given, is another connection a
 * report may run part of its statements on at the same time (see `SecondConnection`); `direct`, for
 * the reader only, runs a caseload page's statement without Prisma (see `Database.direct`).
 */
export function prismaRepositories(
  tx: Tx,
  dialect: SqlDialect,
  second?: SecondConnection,
  direct?: RawQuery,
): Repositories {
  // The maintained indicator tables (contact-tallies.ts), rewritten in the same transaction as the
  // write that changes what they hold.
  const maintain = (statements: readonly Statement[]) =>
    runStatements(
      statements,
      (n) => dialect.param(n),
      (sql, values) => tx.$executeRawUnsafe(sql, ...values),
    );
  const repositories: Repositories = {
    cases: {
      get: async (id) => {
        const r = await tx.case.findUnique({ where: { id }, include: caseInclude });
        return r ? rows.caseFromRow(r) : null;
      },
      getMany: async (ids) =>
        ids.length === 0
          ? []
          : (await tx.case.findMany({ where: { id: { in: [...ids] } }, include: caseInclude })).map(
              rows.caseFromRow,
            ),
      insert: async (record) => {
        await tx.case.create({ data: rows.caseRow(record) });
        if (record.supportingAgencyIds.length > 0)
          await tx.caseSupportingAgency.createMany({ data: rows.supportingAgencyRows(record) });
      },
      update: async (record) => {
        const { id, createdAt: _createdAt, ...data } = rows.caseRow(record);
        await casUpdate(
          'case',
          id,
          record.version,
          (stored) => tx.case.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.case.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
        // The tallies carry the case's person and municipality (a merge moves the case).
        await maintain(contactTallyStatements(casesById([id])));
        await tx.caseSupportingAgency.deleteMany({ where: { caseId: id } });
        if (record.supportingAgencyIds.length > 0)
          await tx.caseSupportingAgency.createMany({ data: rows.supportingAgencyRows(record) });
      },
      list: async (query) => {
        const found = await tx.case.findMany({
          where: { AND: [caseWhere(query, dialect), keysetWhere(query.page.after, 'createdAt')] },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: query.page.first + 1,
          include: caseInclude,
        });
        return toPage(found, query.page, rows.caseFromRow, (r) => ({ at: r.createdAt, id: r.id }));
      },
      count: (query) => tx.case.count({ where: caseWhere(query, dialect) }),
      listCaseload: async (query, parts, audit) =>
        caseloadSqlCovers(query)
          ? caseloadPageSql(
              direct ?? rawQueryOf(tx),
              dialect,
              query,
              parts,
              await caseloadWayFor(tx, dialect, query.visibleToAgencyId),
              audit,
            )
          : composedCaseloadPage(repositories, query, parts),
      listByPersons: async (personIds) =>
        personIds.length === 0
          ? []
          : (
              await tx.case.findMany({
                where: { personId: { in: [...personIds] } },
                orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
                include: caseInclude,
              })
            ).map(rows.caseFromRow),
    },

    assignments: {
      ofCase: async (caseId) =>
        (
          await tx.caseStaffAssignment.findMany({
            where: { caseId },
            orderBy: [{ startedOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.staffAssignmentFromRow),
      openOfCases: async (caseIds) =>
        caseIds.length === 0
          ? []
          : (
              await tx.caseStaffAssignment.findMany({
                where: { caseId: { in: [...caseIds] }, endedOn: null },
                orderBy: [{ startedOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
              })
            ).map(rows.staffAssignmentFromRow),
      openOfStaff: async (agencyId, staffId) =>
        (
          await tx.caseStaffAssignment.findMany({
            where: { agencyId, staffId, endedOn: null },
            orderBy: [{ caseId: 'asc' }],
          })
        ).map(rows.staffAssignmentFromRow),
      save: async ({ opened, ended }) => {
        for (const a of ended) {
          const row = rows.staffAssignmentRow(a);
          // Ends only a period still open: a second writer ending it too gets a conflict.
          const { count } = await tx.caseStaffAssignment.updateMany({
            where: { id: a.id, endedOn: null },
            data: {
              endedOn: row.endedOn,
              endedVia: row.endedVia,
              endedByStaffId: row.endedByStaffId,
              endedByAgencyId: row.endedByAgencyId,
              endedByRole: row.endedByRole,
            },
          });
          if (count !== 1) throw new VersionConflictError('staff assignment', a.id, 0, 1);
        }
        if (opened.length > 0)
          await tx.caseStaffAssignment.createMany({ data: opened.map(rows.staffAssignmentRow) });
      },
    },
    caseHistory: {
      appendSupportStage: async (e) => {
        await appendOnce('support stage history', e.caseId, e.sequence, () =>
          tx.supportStageChange.create({ data: rows.stageChangeRow(e) }),
        );
        await maintain(inForceStatements(casesById([e.caseId]), ['SupportStageChange']));
      },
      appendFamilyStage: async (e) => {
        await appendOnce('family stage history', e.caseId, e.sequence, () =>
          tx.familyStageChange.create({ data: rows.stageChangeRow(e) }),
        );
        await maintain(inForceStatements(casesById([e.caseId]), ['FamilyStageChange']));
      },
      appendStatus: async (e) => {
        await appendOnce('status history', e.caseId, e.sequence, () =>
          tx.caseStatusChange.create({ data: rows.statusChangeRow(e) }),
        );
        await maintain(inForceStatements(casesById([e.caseId]), ['CaseStatusChange']));
      },
      supportStages: async (caseId) =>
        (await tx.supportStageChange.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } })).map(
          rows.supportStageFromRow,
        ),
      familyStages: async (caseId) =>
        (await tx.familyStageChange.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } })).map(
          rows.familyStageFromRow,
        ),
      statuses: async (caseId) =>
        (await tx.caseStatusChange.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } })).map(
          rows.statusChangeFromRow,
        ),
      appendAgencyChanges: async (entries) => {
        if (entries.length === 0) return;
        const first = entries[0] as (typeof entries)[number];
        await appendOnce('agency history', first.caseId, first.sequence, () =>
          tx.caseAgencyChange.createMany({ data: entries.map(rows.agencyChangeRow) }),
        );
      },
      agencyChanges: async (caseId) =>
        (await tx.caseAgencyChange.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } })).map(
          rows.agencyChangeFromRow,
        ),
    },

    intakes: {
      get: async (caseId) => {
        const r = await tx.caseIntake.findUnique({ where: { caseId } });
        return r ? rows.intakeFromRow(r) : null;
      },
      save: (intake) => {
        const { caseId, ...data } = rows.intakeRow(intake);
        return saveWhole(
          'caseIntake',
          caseId,
          intake.version,
          () => tx.caseIntake.create({ data: { caseId, ...data } }),
          (stored) => tx.caseIntake.updateMany({ where: { caseId, version: stored }, data }),
          async () =>
            (await tx.caseIntake.findUnique({ where: { caseId }, select: { version: true } }))?.version ?? 0,
        );
      },
      getHealth: async (caseId) => {
        const r = await tx.healthBackground.findUnique({ where: { caseId } });
        return r ? rows.healthFromRow(r) : null;
      },
      saveHealth: (health) => {
        const { caseId, ...data } = rows.healthRow(health);
        return saveWhole(
          'healthBackground',
          caseId,
          health.version,
          () => tx.healthBackground.create({ data: { caseId, ...data } }),
          (stored) => tx.healthBackground.updateMany({ where: { caseId, version: stored }, data }),
          async () =>
            (await tx.healthBackground.findUnique({ where: { caseId }, select: { version: true } }))
              ?.version ?? 0,
        );
      },
    },

    persons: {
      get: async (id) => {
        const r = await tx.person.findUnique({ where: { id }, include: { household: true } });
        return r ? rows.personFromRow(r) : null;
      },
      getMany: async (ids) =>
        ids.length === 0
          ? []
          : (await tx.person.findMany({ where: { id: { in: [...ids] } }, include: { household: true } })).map(
              rows.personFromRow,
            ),
      insert: async (person) => {
        await tx.person.create({ data: rows.personRow(person) });
        if (person.household.length > 0)
          await tx.householdMember.createMany({ data: rows.householdRows(person) });
      },
      update: async (person) => {
        const { id, createdAt: _createdAt, ...data } = rows.personRow(person);
        const { count } = await tx.person.updateMany({ where: { id }, data });
        if (count === 0) throw new NotFoundError('person', id);
        await tx.householdMember.deleteMany({ where: { personId: id } });
        if (person.household.length > 0)
          await tx.householdMember.createMany({ data: rows.householdRows(person) });
        // The age and household of the person count in every contact of their cases.
        await maintain(contactTallyStatements(casesOfPerson(id)));
      },
      search: async (query) => {
        const found = await tx.person.findMany({
          where: { AND: [personSearchWhere(query), keysetWhere(query.page.after, 'createdAt')] },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: query.page.first + 1,
          include: { household: true },
        });
        return toPage(found, query.page, rows.personFromRow, (r) => ({ at: r.createdAt, id: r.id }));
      },
      countSearch: (query) => tx.person.count({ where: personSearchWhere(query) }),
      duplicateCandidates: async (lookup) =>
        (
          await tx.person.findMany({
            where: {
              mergedIntoId: null,
              pseudonymisedOn: null,
              OR: [
                ...(lookup.kanaKey !== null ? [{ kanaKey: lookup.kanaKey }] : []),
                ...(lookup.birthDate !== null
                  ? [{ nameKey: lookup.nameKey, birthDate: lookup.birthDate }]
                  : []),
              ],
            },
            orderBy: { id: 'asc' },
            take: DUPLICATE_LOOKUP_LIMIT,
            include: { household: true },
          })
        ).map(rows.personFromRow),
      insertMerge: (merge) =>
        appendOnce('person', merge.mergedPersonId, 2, () =>
          tx.personMerge.create({ data: rows.personMergeRow(merge) }),
        ),
      mergesOf: async (personId) =>
        (
          await tx.personMerge.findMany({
            where: { OR: [{ keptPersonId: personId }, { mergedPersonId: personId }] },
            orderBy: [{ mergedAt: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.personMergeFromRow),
      eraseMerge: async (mergeId, erased) => {
        const { count } = await tx.personMerge.updateMany({
          where: { id: mergeId },
          data: { former: erased.former as unknown as object, reason: erased.reason },
        });
        if (count === 0) throw new NotFoundError('personMerge', mergeId);
      },
    },

    agencies: {
      get: async (id) => {
        const r = await tx.agency.findUnique({ where: { id } });
        return r ? rows.agencyFromRow(r) : null;
      },
      getMany: async (ids) =>
        ids.length === 0
          ? []
          : (await tx.agency.findMany({ where: { id: { in: [...ids] } } })).map(rows.agencyFromRow),
      list: async (filter) =>
        (
          await tx.agency.findMany({
            where: {
              ...(filter.kind !== undefined ? { kind: filter.kind } : {}),
              ...(filter.municipalityCode !== undefined ? { municipalityCode: filter.municipalityCode } : {}),
              ...(filter.activeOnly ? { active: true } : {}),
            },
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.agencyFromRow),
      insert: async (agency) => {
        await agencyNameGuard(() => tx.agency.create({ data: rows.agencyRow(agency) }));
      },
      update: async (agency) => {
        const { id, ...data } = rows.agencyRow(agency);
        const { count } = await agencyNameGuard(() => tx.agency.updateMany({ where: { id }, data }));
        if (count === 0) throw new NotFoundError('agency', id);
      },
    },

    invitations: {
      get: async (id) => {
        const r = await tx.agencyInvitation.findUnique({ where: { id } });
        return r ? rows.invitationFromRow(r) : null;
      },
      getByTokenHash: async (tokenHash) => {
        const r = await tx.agencyInvitation.findUnique({ where: { tokenHash } });
        return r ? rows.invitationFromRow(r) : null;
      },
      insert: async (invitation) => {
        await tx.agencyInvitation.create({ data: rows.invitationRow(invitation) });
      },
      update: async (invitation) => {
        const { id, ...data } = rows.invitationRow(invitation);
        await casUpdate(
          'invitation',
          id,
          invitation.version,
          (stored) => tx.agencyInvitation.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.agencyInvitation.findUnique({ where: { id }, select: { version: true } }))?.version ??
            null,
        );
      },
      list: async () =>
        (await tx.agencyInvitation.findMany({ orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }] })).map(
          rows.invitationFromRow,
        ),
    },

    plannedContacts: {
      append: (entry) =>
        appendOnce('planned contact', entry.caseId, entry.sequence, () =>
          tx.plannedContact.create({ data: rows.plannedContactRow(entry) }),
        ),
      ofCase: async (caseId) =>
        (
          await tx.plannedContact.findMany({
            where: { caseId },
            orderBy: { sequence: 'asc' },
          })
        ).map(rows.plannedContactFromRow),
      latestOfCases: async (agencyId, caseIds) => {
        if (caseIds.length === 0) return [];
        // A case has few entries: one query for all, the latest per case picked here.
        const all = await tx.plannedContact.findMany({
          where: { agencyId, caseId: { in: [...caseIds] } },
          orderBy: { sequence: 'asc' },
        });
        return [...new Map(all.map((r) => [r.caseId, rows.plannedContactFromRow(r)])).values()];
      },
    },

    contacts: {
      get: async (id) => {
        const r = await tx.contact.findUnique({ where: { id } });
        return r ? rows.contactFromRow(r) : null;
      },
      insert: async (contact) => {
        await tx.contact.create({ data: rows.contactRow(contact) });
        await maintain(contactTallyStatements(casesById([contact.caseId])));
      },
      listByCase: async (caseId) =>
        (
          await tx.contact.findMany({
            where: { caseId },
            orderBy: [{ occurredOn: 'desc' }, { recordedAt: 'desc' }],
          })
        ).map(rows.contactFromRow),
      latestByCases: async (caseIds) => {
        if (caseIds.length === 0) return [];
        // A voided record (取消) is nobody's last contact.
        const ids = await dialect.latestPerCase(
          tx,
          'Contact',
          [...caseIds],
          ['occurredOn', 'recordedAt'],
          '"voidedAt" IS NULL',
        );
        if (ids.length === 0) return [];
        return (await tx.contact.findMany({ where: { id: { in: ids } } })).map(rows.contactFromRow);
      },
      update: async (contact) => {
        const { id, ...data } = rows.contactRow(contact);
        await casUpdate(
          'contact',
          id,
          contact.version,
          (stored) => tx.contact.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.contact.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
        await maintain(contactTallyStatements(casesById([contact.caseId])));
      },
      appendCorrection: (correction) =>
        appendOnce('contact correction', correction.contactId, correction.sequence, () =>
          tx.contactCorrection.create({ data: rows.contactCorrectionRow(correction) }),
        ),
      correctionsByCase: async (caseId) =>
        (
          await tx.contactCorrection.findMany({
            where: { caseId },
            orderBy: [{ contactId: 'asc' }, { sequence: 'asc' }],
          })
        ).map(rows.contactCorrectionFromRow),
    },

    referrals: {
      get: async (id) => {
        const r = await tx.referral.findUnique({ where: { id }, include: referralInclude });
        return r ? rows.referralFromRow(r) : null;
      },
      insert: async (referral) => {
        await tx.referral.create({ data: rows.referralRow(referral) });
        await tx.referralStatusChange.createMany({ data: rows.referralHistoryRows(referral) });
      },
      update: async (referral) => {
        const { id, ...data } = rows.referralRow(referral);
        await casUpdate(
          'referral',
          id,
          referral.version,
          (stored) => tx.referral.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.referral.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
        const stored = await tx.referralStatusChange.count({ where: { referralId: id } });
        const added = rows.referralHistoryRows(referral, stored);
        if (added.length > 0) await tx.referralStatusChange.createMany({ data: added });
      },
      list: async (filter) =>
        (
          await tx.referral.findMany({
            where: {
              ...(filter.caseId !== undefined ? { caseId: filter.caseId } : {}),
              ...(filter.caseIds !== undefined ? { caseId: { in: [...filter.caseIds] } } : {}),
              ...(filter.fromAgencyId !== undefined ? { fromAgencyId: filter.fromAgencyId } : {}),
              ...(filter.toAgencyId !== undefined ? { toAgencyId: filter.toAgencyId } : {}),
              ...(filter.statuses !== undefined ? { status: { in: [...filter.statuses] } } : {}),
            },
            orderBy: [{ sentOn: 'asc' }, { id: 'asc' }],
            include: referralInclude,
          })
        ).map(rows.referralFromRow),
    },

    consents: {
      get: async (id) => {
        const r = await tx.consent.findUnique({ where: { id } });
        return r ? rows.consentFromRow(r) : null;
      },
      insert: async (consent) => {
        await tx.consent.create({ data: rows.consentRow(consent) });
      },
      update: async (consent) => {
        const { id, ...data } = rows.consentRow(consent);
        const { count } = await tx.consent.updateMany({ where: { id }, data });
        if (count === 0) throw new NotFoundError('consent', id);
      },
      listByCase: async (caseId) =>
        (await tx.consent.findMany({ where: { caseId }, orderBy: [{ givenOn: 'asc' }, { id: 'asc' }] })).map(
          rows.consentFromRow,
        ),
    },

    supportMeetings: {
      get: async (id) => {
        const r = await tx.supportMeeting.findUnique({ where: { id }, include: meetingInclude });
        return r ? rows.meetingFromRow(r) : null;
      },
      insert: async (meeting) => {
        await tx.supportMeeting.create({ data: rows.meetingRow(meeting) });
        await writeMeetingLists(tx, meeting);
      },
      update: async (meeting) => {
        const { id, ...data } = rows.meetingRow(meeting);
        const { count } = await tx.supportMeeting.updateMany({ where: { id }, data });
        if (count === 0) throw new NotFoundError('support meeting', id);
        await tx.supportMeetingMember.deleteMany({ where: { meetingId: id } });
        await tx.supportMeetingCase.deleteMany({ where: { meetingId: id } });
        await writeMeetingLists(tx, meeting);
      },
      listForCase: async (caseId) =>
        (
          await tx.supportMeeting.findMany({
            where: { cases: { some: { caseId } } },
            include: meetingInclude,
            orderBy: [{ establishedOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.meetingFromRow),
      listForAgency: async (agencyId) =>
        (
          await tx.supportMeeting.findMany({
            where: { members: { some: { agencyId } } },
            include: meetingInclude,
            orderBy: [{ establishedOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.meetingFromRow),
    },

    conferences: {
      get: async (id) => {
        const r = await tx.caseConference.findUnique({ where: { id }, include: conferenceInclude });
        return r ? rows.conferenceFromRow(r) : null;
      },
      insert: async (conference) => {
        await tx.caseConference.create({ data: rows.conferenceRow(conference) });
        await tx.caseConferenceAttendee.createMany({ data: rows.conferenceAttendeeRows(conference) });
        const cases = rows.conferenceCaseRows(conference);
        if (cases.length > 0) await tx.caseConferenceCase.createMany({ data: cases });
      },
      update: async (conference) => {
        const { id, ...data } = rows.conferenceRow(conference);
        await casUpdate(
          'case conference',
          id,
          conference.version,
          (stored) => tx.caseConference.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.caseConference.findUnique({ where: { id }, select: { version: true } }))?.version ??
            null,
        );
        // The agenda is fixed when minuted; only the decisions' links change.
        for (const row of rows.conferenceCaseRows(conference))
          await tx.caseConferenceCase.update({
            where: { conferenceId_caseId: { conferenceId: id, caseId: row.caseId } },
            data: { linkKind: row.linkKind, linkedSequence: row.linkedSequence, linkedId: row.linkedId },
          });
      },
      listByCase: async (caseId) =>
        (
          await tx.caseConference.findMany({
            where: { discussions: { some: { caseId } } },
            include: conferenceInclude,
            orderBy: [...newestConferenceFirst],
          })
        ).map(rows.conferenceFromRow),
      listForAgency: async (agencyId, range) =>
        (
          await tx.caseConference.findMany({
            where: {
              attendees: { some: { agencyId } },
              heldOn: {
                ...(range.from === undefined ? {} : { gte: range.from }),
                ...(range.to === undefined ? {} : { lte: range.to }),
              },
            },
            include: conferenceInclude,
            orderBy: [...newestConferenceFirst],
          })
        ).map(rows.conferenceFromRow),
    },

    checklists: {
      get: async (id, version) => {
        const r = await tx.checklistDefinition.findUnique({ where: { id_version: { id, version } } });
        return r ? rows.checklistFromRow(r) : null;
      },
      latest: async (id) => {
        const r = await tx.checklistDefinition.findFirst({ where: { id }, orderBy: { version: 'desc' } });
        return r ? rows.checklistFromRow(r) : null;
      },
      list: async () =>
        (await tx.checklistDefinition.findMany({ orderBy: [{ id: 'asc' }, { version: 'asc' }] })).map(
          rows.checklistFromRow,
        ),
      insert: (definition) =>
        appendOnce('checklist', definition.id, definition.version, () =>
          tx.checklistDefinition.create({ data: rows.checklistRow(definition) }),
        ),
    },

    assessments: {
      get: async (id) => {
        const r = await tx.assessment.findUnique({ where: { id } });
        return r ? rows.assessmentFromRow(r) : null;
      },
      insert: async (assessment) => {
        await tx.assessment.create({ data: rows.assessmentRow(assessment) });
      },
      listByCase: async (caseId) =>
        (
          await tx.assessment.findMany({
            where: { caseId },
            orderBy: [{ assessedOn: 'desc' }, { recordedAt: 'desc' }],
          })
        ).map(rows.assessmentFromRow),
      latestByCases: async (caseIds) => {
        if (caseIds.length === 0) return [];
        // A voided assessment (取消) is no case's latest.
        const ids = await dialect.latestPerCase(
          tx,
          'Assessment',
          [...caseIds],
          ['assessedOn', 'recordedAt'],
          '"voidedAt" IS NULL',
        );
        if (ids.length === 0) return [];
        return (await tx.assessment.findMany({ where: { id: { in: ids } } })).map(rows.assessmentFromRow);
      },
      update: async (assessment) => {
        const { id, ...data } = rows.assessmentRow(assessment);
        await casUpdate(
          'assessment',
          id,
          assessment.version,
          (stored) => tx.assessment.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.assessment.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
      },
      appendCorrection: (correction) =>
        appendOnce('assessment correction', correction.assessmentId, correction.sequence, () =>
          tx.assessmentCorrection.create({ data: rows.assessmentCorrectionRow(correction) }),
        ),
      correctionsByCase: async (caseId) =>
        (
          await tx.assessmentCorrection.findMany({
            where: { caseId },
            orderBy: [{ assessmentId: 'asc' }, { sequence: 'asc' }],
          })
        ).map(rows.assessmentCorrectionFromRow),
    },

    plans: {
      get: async (id) => {
        const r = await tx.supportPlan.findUnique({ where: { id }, include: { reviews: true } });
        return r ? rows.planFromRow(r) : null;
      },
      insert: async (plan) => {
        await tx.supportPlan.create({ data: rows.planRow(plan) });
        const reviews = rows.planReviewRows(plan);
        if (reviews.length > 0) await tx.supportPlanReview.createMany({ data: reviews });
      },
      update: async (plan) => {
        const { id, createdAt: _createdAt, ...data } = rows.planRow(plan);
        await casUpdate(
          'plan',
          id,
          plan.version,
          (stored) => tx.supportPlan.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.supportPlan.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
        const stored = await tx.supportPlanReview.count({ where: { planId: id } });
        const added = rows.planReviewRows(plan, stored);
        if (added.length > 0) await tx.supportPlanReview.createMany({ data: added });
      },
      listByCase: async (caseId) =>
        (
          await tx.supportPlan.findMany({
            where: { caseId },
            include: { reviews: true },
            orderBy: [{ createdOn: 'desc' }, { createdAt: 'desc' }],
          })
        ).map(rows.planFromRow),
      listByCases: async (caseIds) => {
        if (caseIds.length === 0) return [];
        return (
          await tx.supportPlan.findMany({
            where: { caseId: { in: [...caseIds] } },
            include: { reviews: true },
            orderBy: [{ createdOn: 'desc' }, { createdAt: 'desc' }],
          })
        ).map(rows.planFromRow);
      },
    },

    places: {
      get: async (id) => {
        const r = await tx.place.findUnique({ where: { id } });
        return r ? rows.placeFromRow(r) : null;
      },
      list: async (filter) =>
        (
          await tx.place.findMany({
            where: {
              ...(filter.agencyId !== undefined ? { agencyId: filter.agencyId } : {}),
              ...(filter.kind !== undefined ? { kind: filter.kind } : {}),
            },
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.placeFromRow),
      insert: async (place) => {
        await tx.place.create({ data: rows.placeRow(place) });
      },
      update: async (place) => {
        const { id, ...data } = rows.placeRow(place);
        const { count } = await tx.place.updateMany({ where: { id }, data });
        if (count === 0) throw new NotFoundError('place', id);
      },
    },

    programmes: {
      get: async (id) => {
        const r = await tx.programme.findUnique({ where: { id } });
        return r ? rows.programmeFromRow(r) : null;
      },
      listByPlace: async (placeId) =>
        (await tx.programme.findMany({ where: { placeId }, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(
          rows.programmeFromRow,
        ),
      insert: async (programme) => {
        await tx.programme.create({ data: rows.programmeRow(programme) });
      },
      getSession: async (id) => {
        const r = await tx.programmeSession.findUnique({ where: { id } });
        return r ? rows.sessionFromRow(r) : null;
      },
      listSessions: async (programmeId) =>
        (
          await tx.programmeSession.findMany({
            where: { programmeId },
            orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.sessionFromRow),
      insertSession: async (session) => {
        await tx.programmeSession.create({ data: rows.sessionRow(session) });
      },
      insertAttendance: async (attendance) => {
        await tx.attendance.create({ data: rows.attendanceRow(attendance, new Date()) });
      },
      listAttendanceBySession: async (sessionId) =>
        (await tx.attendance.findMany({ where: { sessionId }, orderBy: { id: 'asc' } })).map(
          rows.attendanceFromRow,
        ),
      listAttendanceByCase: async (caseId) =>
        (
          await tx.attendance.findMany({ where: { caseId }, orderBy: [{ attendedOn: 'asc' }, { id: 'asc' }] })
        ).map(rows.attendanceFromRow),
      getHeadcount: async (sessionId) => {
        const r = await tx.sessionHeadcount.findUnique({ where: { sessionId } });
        return r ? rows.headcountFromRow(r) : null;
      },
      saveHeadcount: async (headcount) => {
        const data = rows.headcountRow(headcount);
        if (headcount.version === 1) {
          try {
            await tx.sessionHeadcount.create({ data });
          } catch (error) {
            if (isUniqueViolation(error))
              throw new VersionConflictError('session headcount', headcount.sessionId, 0, null);
            throw error;
          }
          return;
        }
        await casUpdate(
          'session headcount',
          headcount.sessionId,
          headcount.version,
          (stored) =>
            tx.sessionHeadcount.updateMany({
              where: { sessionId: headcount.sessionId, version: stored },
              data,
            }),
          async () =>
            (
              await tx.sessionHeadcount.findUnique({
                where: { sessionId: headcount.sessionId },
                select: { version: true },
              })
            )?.version ?? null,
        );
      },
    },

    supporters: {
      get: async (id) => {
        const r = await tx.supporter.findUnique({ where: { id } });
        return r ? rows.supporterFromRow(r) : null;
      },
      insert: async (supporter) => {
        await tx.supporter.create({ data: rows.supporterRow(supporter) });
      },
      update: async (supporter) => {
        const { id, ...data } = rows.supporterRow(supporter);
        await casUpdate(
          'supporter',
          id,
          supporter.version,
          (stored) => tx.supporter.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.supporter.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
        );
      },
      listByAgency: async (agencyId) =>
        (
          await tx.supporter.findMany({
            where: { agencyId },
            orderBy: [{ registeredOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.supporterFromRow),
      getDispatch: async (id) => {
        const r = await tx.supporterDispatch.findUnique({ where: { id } });
        return r ? rows.dispatchFromRow(r) : null;
      },
      insertDispatch: async (dispatch) => {
        await tx.supporterDispatch.create({ data: rows.dispatchRow(dispatch) });
      },
      updateDispatch: async (dispatch) => {
        const { id, ...data } = rows.dispatchRow(dispatch);
        await casUpdate(
          'supporter dispatch',
          id,
          dispatch.version,
          (stored) => tx.supporterDispatch.updateMany({ where: { id, version: stored }, data }),
          async () =>
            (await tx.supporterDispatch.findUnique({ where: { id }, select: { version: true } }))?.version ??
            null,
        );
      },
      dispatchesOfSupporter: async (supporterId) =>
        (
          await tx.supporterDispatch.findMany({
            where: { supporterId },
            orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.dispatchFromRow),
      dispatchesToCase: async (caseId) =>
        (
          await tx.supporterDispatch.findMany({
            where: { caseId },
            orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.dispatchFromRow),
    },

    anonymousConsultations: {
      get: async (id) => {
        const r = await tx.anonymousConsultation.findUnique({ where: { id } });
        return r ? rows.anonymousConsultationFromRow(r) : null;
      },
      insert: async (consultation) => {
        await tx.anonymousConsultation.create({ data: rows.anonymousConsultationRow(consultation) });
      },
      list: async (agencyId, range) =>
        (
          await tx.anonymousConsultation.findMany({
            where: {
              agencyId,
              occurredOn: {
                ...(range.from === undefined ? {} : { gte: range.from }),
                ...(range.to === undefined ? {} : { lte: range.to }),
              },
            },
            orderBy: [{ occurredOn: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }],
          })
        ).map(rows.anonymousConsultationFromRow),
    },

    placements: {
      get: async (id) => {
        const r = await tx.placement.findUnique({ where: { id }, include: { workdays: true } });
        return r ? rows.placementFromRow(r) : null;
      },
      insert: async (placement) => {
        await tx.placement.create({ data: rows.placementRow(placement) });
        if (placement.workdays.length > 0)
          await tx.placementWorkday.createMany({ data: rows.workdayRows(placement, new Date()) });
      },
      update: async (placement) => {
        const { id, ...data } = rows.placementRow(placement);
        const { count } = await tx.placement.updateMany({ where: { id }, data });
        if (count === 0) throw new NotFoundError('placement', id);
        await tx.placementWorkday.deleteMany({ where: { placementId: id } });
        if (placement.workdays.length > 0)
          await tx.placementWorkday.createMany({ data: rows.workdayRows(placement, new Date()) });
      },
      listByCase: async (caseId) =>
        (
          await tx.placement.findMany({
            where: { caseId },
            include: { workdays: true },
            orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
          })
        ).map(rows.placementFromRow),
    },

    indicators: {
      counts: (query) => sqlIndicatorCounts(tx, dialect, query, second),
      ...indicatorSettings(tx),
    },

    retention: {
      due: async (cutoff, request) => {
        const found = await tx.person.findMany({
          where: {
            pseudonymisedOn: null,
            ...(request.personId !== undefined ? { id: request.personId } : {}),
            ...(request.afterPersonId ? { id: { gt: request.afterPersonId } } : {}),
            cases: {
              some: {},
              none: { OR: [{ status: { not: 'closed' } }, { statusSince: { gt: cutoff } }] },
            },
          },
          select: { id: true, cases: { select: { id: true, leadAgencyId: true }, orderBy: { id: 'asc' } } },
          orderBy: { id: 'asc' },
          take: request.limit,
        });
        return found.map((p) => ({
          personId: p.id,
          cases: p.cases.map((c) => ({ caseId: c.id, leadAgencyId: c.leadAgencyId })),
        }));
      },
      eraseCaseText: (caseId, replacement) => eraseCaseText(tx, caseId, replacement),
    },

    audit: {
      append: (entries: readonly AuditEntry[]) => appendAuditEntries(tx, dialect, entries),
      list: async (query, request) => {
        const found = await tx.auditEntry.findMany({
          where: { AND: [auditWhere(query), keysetWhere(request.after, 'at')] },
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          take: request.first + 1,
        });
        return toPage(found, request, rows.auditFromRow, (r) => ({ at: r.at, id: r.id }));
      },
      count: (query) => tx.auditEntry.count({ where: auditWhere(query) }),
    },
  };
  return repositories;
}

/** A second agency with the same name key (a lookalike written concurrently) fails like the core's check. */
async function agencyNameGuard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError([
        {
          field: 'name',
          rule: 'agency_name_lookalike',
          message: 'an agency with this name, or one that only looks different, is already registered',
        },
      ]);
    throw error;
  }
}

/** Every free text of a case replaced (retention): one statement per table, plans rewritten in place. */
async function eraseCaseText(tx: Tx, caseId: string, replacement: string): Promise<number> {
  let count = 0;
  const where = { caseId, note: { not: null } };
  count += (
    await tx.contact.updateMany({
      where: { caseId, noteText: { not: null } },
      data: { noteText: replacement },
    })
  ).count;
  count += (await tx.supportStageChange.updateMany({ where, data: { note: replacement } })).count;
  count += (await tx.familyStageChange.updateMany({ where, data: { note: replacement } })).count;
  count += (await tx.caseStatusChange.updateMany({ where, data: { note: replacement } })).count;
  count += (await tx.consent.updateMany({ where, data: { note: replacement } })).count;
  count += (await tx.plannedContact.updateMany({ where, data: { note: replacement } })).count;
  count += (
    await tx.contact.updateMany({
      where: { caseId, voidReason: { not: null } },
      data: { voidReason: replacement },
    })
  ).count;
  count += (
    await tx.assessment.updateMany({
      where: { caseId, voidReason: { not: null } },
      data: { voidReason: replacement },
    })
  ).count;
  count += (await tx.assessmentCorrection.updateMany({ where: { caseId }, data: { reason: replacement } }))
    .count;
  const corrections = await tx.contactCorrection.findMany({ where: { caseId } });
  for (const c of corrections) {
    const previous = c.previous as { note: { text: string } | null };
    count += previous.note ? 2 : 1;
    await tx.contactCorrection.update({
      where: { id: c.id },
      data: {
        reason: replacement,
        previous: { ...previous, note: previous.note ? { ...previous.note, text: replacement } : null },
      },
    });
  }
  count += (
    await tx.healthBackground.updateMany({
      where: { caseId, noteText: { not: null } },
      data: { noteText: replacement },
    })
  ).count;
  const plans = await tx.supportPlan.findMany({ where: { caseId }, select: { id: true, goals: true } });
  for (const plan of plans) {
    const goals = (plan.goals as { description: string }[]).map((g) => ({ ...g, description: replacement }));
    count += goals.length;
    await tx.supportPlan.update({ where: { id: plan.id }, data: { goals } });
  }
  count += (
    await tx.supportPlanReview.updateMany({
      where: { plan: { caseId }, note: { not: null } },
      data: { note: replacement },
    })
  ).count;
  const referrals = await tx.referral.findMany({ where: { caseId } });
  for (const r of referrals) {
    const erased = (text: string | null) => (text === null ? null : replacement);
    count += 2 + [r.declineReason, r.withdrawnReason, r.outcomeReason].filter((t) => t !== null).length;
    await tx.referral.update({
      where: { id: r.id },
      data: {
        reason: replacement,
        requestedService: replacement,
        declineReason: erased(r.declineReason),
        withdrawnReason: erased(r.withdrawnReason),
        outcomeReason: erased(r.outcomeReason),
      },
    });
  }
  return count;
}

async function writeMeetingLists(tx: Tx, meeting: Parameters<typeof rows.meetingRow>[0]): Promise<void> {
  const members = rows.meetingMemberRows(meeting);
  const cases = rows.meetingCaseRows(meeting);
  if (members.length > 0) await tx.supportMeetingMember.createMany({ data: members });
  if (cases.length > 0) await tx.supportMeetingCase.createMany({ data: cases });
}

export type { PrismaClient };
