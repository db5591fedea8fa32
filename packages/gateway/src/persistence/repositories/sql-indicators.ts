import {
  AGE_BAND_ORDER,
  AGENCY_KINDS,
  type AgeBand,
  ageBandOf,
  CHANNEL_KEYS,
  CONSULTING_PARTY_KEYS,
  CONTENT_KEYS,
  type ConsultingParty,
  type ConsultingPartyCategory,
  type ContactChannel,
  type ContactContent,
  consultingPartyCategory,
  householdRelationSchema,
  type IndicatorCounts,
  type IndicatorQuery,
  periodRange,
  REFERRAL_OUTCOME_KEYS,
  REFERRAL_SECTOR_KEYS,
  type ReferralOutcomeKey,
  type ReferralSectorKey,
  STAGE_KEYS,
  STAGE_MOVES,
  type StageKey,
  stageMoveKey,
} from '@hikikomori-register/core';
import type { Prisma } from '../generated/sqlite/client.ts';
import { TALLY_COLUMNS, tallyPeriods, tallyScope } from './contact-tallies.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { sqlIndicatorBreakdowns, storedContents } from './sql-indicator-breakdowns.ts';

type Tx = Prisma.TransactionClient;

/**
 * Indicator counts aggregated in the database (GROUP BY, COUNT(DISTINCT), correlated subqueries),
 * never by loading every record: the figures must equal the core's `countIndicators` over the same
 * records (the tests compare both on SQLite and PostgreSQL). The same SQL text runs on both: only
 * placeholders differ. Every mapping to a report key is taken from the core itself, so the two cannot
 * drift apart: agency sectors from `AGENCY_KINDS`, consulting-party categories by asking
 * `consultingPartyCategory` for every relation, age bands by `ageBandOf` on the ages SQL computes.
 */
export async function sqlIndicatorCounts(
  tx: Tx,
  dialect: SqlDialect,
  query: IndicatorQuery,
  second?: SecondConnection,
): Promise<IndicatorCounts> {
  const range = periodRange(query.period);
  await reportSettings(tx, dialect);

  // Two independent halves: the contacts and stages, and everything else. With a second connection
  // (PostgreSQL) they run at the same time, each statement on its own core; otherwise one after the
  // other. The breakdowns, run with the second half, take rows of the first when they are ready.
  const contactsAndStages = async (q: Statements) => {
    // --- Contacts -----------------------------------------------------------------------------------
    // From the maintained tallies (contact-tallies.ts) when the period is a union of their units: one
    // row per case, agency and unit instead of every contact joined to its case, person and household.
    const periods = tallyPeriods(query.period);
    const fromContacts = periods
      ? await tallyFigures(q, query, periods, range)
      : await contactFigures(q, query, range);

    // --- Stages ------------------------------------------------------------------------------------
    // Open on the last day: the status entry in force then is not closed; a case whose history starts
    // later is not open yet; a case without status history is open unless its record says closed by
    // then. The entry in force is read, not ranked: each entry carries the day the next one takes
    // effect (`supersededOn`, kept on every append), so it is in force on D when effectiveOn <= D <
    // supersededOn — at most one entry per case and history.
    const inForce = (table: string, alias: string, p: Param) => `LEFT JOIN "${table}" ${alias}
        ON ${alias}."caseId" = c."id" AND ${alias}."effectiveOn" <= ${p(range.end)}
        AND (${alias}."supersededOn" IS NULL OR ${alias}."supersededOn" > ${p(range.end)})`;
    // The family stage (家族支援の段階) in force then comes from the same statement, for the breakdowns.
    const atEndRows = await q.all(
      (p) => `SELECT "stage", "family", COUNT(*) AS "n"
      FROM (
        SELECT
          CASE WHEN st."caseId" IS NOT NULL THEN st."to"
            WHEN EXISTS (SELECT 1 FROM "CaseStatusChange" h WHERE h."caseId" = c."id") THEN 'closed'
            WHEN c."status" = 'closed' AND c."statusSince" <= ${p(range.end)} THEN 'closed'
            ELSE 'open' END AS "state",
          COALESCE(sg."to", 'unknown') AS "stage",
          COALESCE(fs."to", 'none') AS "family"
        FROM "Case" c
          ${inForce('CaseStatusChange', 'st', p)}
          ${inForce('SupportStageChange', 'sg', p)}
          ${inForce('FamilyStageChange', 'fs', p)}
        WHERE ${caseScope(query, p)} AND c."openedOn" <= ${p(range.end)}
      ) AS "atEnd"
      WHERE "state" <> 'closed'
      GROUP BY "stage", "family"`,
    );
    const stagesAtEnd = zeroCounts(STAGE_KEYS);
    for (const row of atEndRows) add(stagesAtEnd, row.stage as StageKey, Number(row.n));

    // Only the moves of the transition table are counted (a consistent history has no others).
    const moveRows = await q.all(
      (p) => `SELECT e."from" AS "from", e."to" AS "to", COUNT(*) AS "n"
      FROM "SupportStageChange" e
      WHERE ${caseIdScope(query, p, 'e."caseId"')} AND e."direction" <> 'initial' AND e."from" IS NOT NULL
        AND e."effectiveOn" >= ${p(range.start)} AND e."effectiveOn" <= ${p(range.end)}
      GROUP BY e."from", e."to"`,
    );
    const stageMoves = zeroCounts(STAGE_MOVES.map((m) => stageMoveKey(m.from, m.to)));
    for (const row of moveRows) {
      const key = `${row.from}->${row.to}`;
      if (key in stageMoves) add(stageMoves, key, Number(row.n));
    }

    return { fromContacts, atEndRows, stagesAtEnd, stageMoves };
  };
  const theRest = async (
    q: Statements,
    first: Promise<{ fromContacts: ContactFigures; atEndRows: Row[] }>,
  ) => {
    // --- Connections (cases in scope) ---------------------------------------------------------------
    // Scoped by the case id alone: the rows' foreign keys already guarantee their case and session, so
    // no join is needed to count them (the attendance is read from its index alone).
    const toPlace = (p: Param) => `SELECT a."caseId"
      FROM "Attendance" a
      WHERE ${caseIdScope(query, p, 'a."caseId"')} AND a."attendedOn" >= ${p(range.start)} AND a."attendedOn" <= ${p(range.end)}`;
    // completedOn, or the day of the first `completed` entry of the history when the column is empty.
    const toAgency = (p: Param) => `SELECT r."caseId"
      FROM "Referral" r
      WHERE ${caseIdScope(query, p, 'r."caseId"')} AND r."status" = 'completed' AND r."outcome" = 'connected'
        AND COALESCE(r."completedOn", (
          SELECT h."on" FROM "ReferralStatusChange" h
          WHERE h."referralId" = r."id" AND h."to" = 'completed'
          ORDER BY h."sequence" LIMIT 1
        )) >= ${p(range.start)}
        AND COALESCE(r."completedOn", (
          SELECT h."on" FROM "ReferralStatusChange" h
          WHERE h."referralId" = r."id" AND h."to" = 'completed'
          ORDER BY h."sequence" LIMIT 1
        )) <= ${p(range.end)}`;
    // Each source is read once; a case connected both ways counts once in "cases".
    const connections = await q.one(
      (
        p,
      ) => `SELECT COUNT(*) AS "cases", COALESCE(SUM("place"), 0) AS "toPlace", COALESCE(SUM("agency"), 0) AS "toAgency"
      FROM (
        SELECT "caseId", MAX("place") AS "place", MAX("agency") AS "agency"
        FROM (
          SELECT "caseId", 1 AS "place", 0 AS "agency" FROM (${toPlace(p)}) AS "attended"
          UNION ALL
          SELECT "caseId", 0 AS "place", 1 AS "agency" FROM (${toAgency(p)}) AS "referred"
        ) AS "either"
        GROUP BY "caseId"
      ) AS "connected"`,
    );

    // --- Referrals sent in the period, by sector × outcome at the period end --------------------------
    // The status on the last day: the last history entry dated on or before it (none: still pending);
    // a referral without history stands as its record says.
    const referralRows = await q.all(
      (p) => `SELECT "sector", "outcome", COUNT(*) AS "n", SUM("again") AS "again"
      FROM (
        SELECT ${SECTOR_SQL('ag."kind"')} AS "sector",
          CASE (CASE WHEN EXISTS (SELECT 1 FROM "ReferralStatusChange" h WHERE h."referralId" = r."id")
              THEN (SELECT h."to" FROM "ReferralStatusChange" h
                    WHERE h."referralId" = r."id" AND h."on" <= ${p(range.end)}
                    ORDER BY h."sequence" DESC LIMIT 1)
              ELSE r."status" END)
            WHEN 'completed' THEN COALESCE(r."outcome", 'pending')
            WHEN 'declined' THEN 'declined'
            WHEN 'withdrawn' THEN 'withdrawn'
            ELSE 'pending' END AS "outcome",
          CASE WHEN r."previousReferralId" IS NULL THEN 0 ELSE 1 END AS "again"
        FROM "Referral" r
          LEFT JOIN "Agency" ag ON ag."id" = r."toAgencyId"
        WHERE ${referralScope(query, p)} AND r."sentOn" >= ${p(range.start)} AND r."sentOn" <= ${p(range.end)}
      ) AS "sent"
      GROUP BY "sector", "outcome"`,
    );
    const referrals = Object.fromEntries(
      REFERRAL_SECTOR_KEYS.map((sector) => [sector, zeroCounts(REFERRAL_OUTCOME_KEYS)]),
    ) as Record<ReferralSectorKey, Record<ReferralOutcomeKey, number>>;
    let reReferrals = 0;
    for (const row of referralRows) {
      const sector = referrals[row.sector as ReferralSectorKey];
      if (sector) add(sector, row.outcome as ReferralOutcomeKey, Number(row.n));
      reReferrals += Number(row.again ?? 0);
    }

    // --- Records without a case ----------------------------------------------------------------------
    const inRange = (column: string, p: Param) =>
      `${column} >= ${p(range.start)} AND ${column} <= ${p(range.end)}`;
    const anonymousRows = await q.all(
      (
        p,
      ) => `SELECT a."channel" AS "channel", a."consultingParty" AS "party", a."ageBand" AS "band", COUNT(*) AS "n"
      FROM "AnonymousConsultation" a
      WHERE ${ownedScope(query, p, 'a."agencyId"', 'a."municipalityCode"')} AND ${inRange('a."occurredOn"', p)}
      GROUP BY a."channel", a."consultingParty", a."ageBand"`,
    );
    const anonymous = {
      byChannel: zeroCounts(CHANNEL_KEYS),
      byConsultingParty: zeroCounts(CONSULTING_PARTY_KEYS),
      byAgeBand: zeroCounts(AGE_BAND_ORDER),
    };
    for (const row of anonymousRows) {
      const n = Number(row.n);
      add(anonymous.byChannel, row.channel as ContactChannel, n);
      add(anonymous.byConsultingParty, row.party as ConsultingPartyCategory, n);
      add(anonymous.byAgeBand, row.band as AgeBand, n);
    }

    // Group sessions count for the agency running the place, or the place's municipality.
    const atPlace = `JOIN "ProgrammeSession" s ON s."id" = x."sessionId"
        JOIN "Programme" pr ON pr."id" = s."programmeId"
        JOIN "Place" pl ON pl."id" = pr."placeId"`;
    // One pass over the period's attendance: participants by the kind of place (a row per kind) and
    // the cases that attended (the row without a kind), each case once (grouped, not sorted distinct).
    const attendanceRows = await q.all(
      (p) => `WITH "attended" AS (
        SELECT pl."kind" AS "kind", x."caseId" AS "caseId"
        FROM "Attendance" x ${atPlace}
        WHERE ${ownedScope(query, p, 'pl."agencyId"', 'pl."municipalityCode"')} AND ${inRange('x."attendedOn"', p)}
      )
      SELECT "kind", COUNT(*) AS "n" FROM "attended" GROUP BY "kind"
      UNION ALL
      SELECT NULL, COUNT(*) FROM (SELECT "caseId" FROM "attended" GROUP BY "caseId") AS "cases"`,
    );
    const registeredByKind = attendanceRows.filter((r) => r.kind !== null && r.kind !== undefined);
    const registered = {
      n: registeredByKind.reduce((n, r) => n + Number(r.n), 0),
      cases: attendanceRows.find((r) => r.kind === null || r.kind === undefined)?.n ?? 0,
    };
    const unregistered = await q.one(
      (
        p,
      ) => `SELECT COALESCE(SUM(x."persons"), 0) AS "persons", COALESCE(SUM(x."familyMembers"), 0) AS "family"
      FROM "SessionHeadcount" x ${atPlace}
      WHERE ${ownedScope(query, p, 'pl."agencyId"', 'pl."municipalityCode"')} AND ${inRange('s."heldOn"', p)}`,
    );

    const conferenceWhere = (p: Param) =>
      `${ownedScope(query, p, 'f."organiserAgencyId"', 'og."municipalityCode"')} AND ${inRange('f."heldOn"', p)}`;
    const conferences = await q.one(
      (p) => `SELECT COUNT(*) AS "held",
  COALESCE(SUM(d."n"), 0) AS "cases"
      FROM "CaseConference" f
        LEFT JOIN "Agency" og ON og."id" = f."organiserAgencyId"
        LEFT JOIN (SELECT "conferenceId", COUNT(*) AS "n" FROM "CaseConferenceCase" GROUP BY "conferenceId") d
          ON d."conferenceId" = f."id"
      WHERE ${conferenceWhere(p)}`,
    );

    const breakdowns = await sqlIndicatorBreakdowns(
      q,
      query,
      first.then((a) => ({
        peopleBySexAge: a.fromContacts.peopleBySexAge,
        contactsByContent: a.fromContacts.contactsByContent,
        atEnd: a.atEndRows,
        registeredByPlaceKind: registeredByKind,
      })),
    );
    return {
      anonymous,
      breakdowns,
      groupAttendance: {
        registered: Number(registered.n ?? 0),
        registeredCases: Number(registered.cases ?? 0),
        unregisteredPersons: Number(unregistered.persons ?? 0),
        unregisteredFamily: Number(unregistered.family ?? 0),
      },
      conferences: { held: Number(conferences.held ?? 0), casesDiscussed: Number(conferences.cases ?? 0) },
      connectedCases: Number(connections.cases ?? 0),
      connectedToPlace: Number(connections.toPlace ?? 0),
      connectedToAgency: Number(connections.toAgency ?? 0),
      referrals,
      reReferrals,
    };
  };
  const first = contactsAndStages(new Statements(tx, dialect));
  const beside = second?.(async (other) => {
    await reportSettings(other, dialect);
    return theRest(new Statements(other, dialect), first);
  });
  const [{ fromContacts, stagesAtEnd, stageMoves }, others] = await Promise.all([
    first,
    beside ?? first.then(() => theRest(new Statements(tx, dialect), first)),
  ]);
  const { people, cases, contacts, byChannel, byConsultingParty, byAgeBand } = fromContacts;

  return {
    ...others,
    casesContacted: Number(cases.cases ?? 0),
    newCases: Number(cases.newCases ?? 0),
    contacts,
    people: Number(people.people ?? 0),
    reachedPeople: Number(people.reached ?? 0),
    byChannel,
    byConsultingParty,
    byAgeBand,
    stagesAtEnd,
    stageMoves,
  };
}

/**
 * Runs `work` in a transaction of its own on another connection of the same database, for the
 * report's statements that can run beside those of the transaction it was asked in (PostgreSQL
 * only: on SQLite a second transaction would wait for the first's lock); null when no connection can
 * be spared now, and the report then runs them after the others on its own.
 */
export type SecondConnection = <T>(work: (tx: Tx) => Promise<T>) => Promise<T> | null;

/**
 * PostgreSQL would JIT-compile these plans over a large register (their cost estimates pass its
 * threshold), spending more time compiling than running them; and with the default 4 MB of working
 * memory, ranking the histories of 100 000 cases sorts on disk. SET LOCAL lasts for the transaction
 * the report runs in.
 */
async function reportSettings(tx: Tx, dialect: SqlDialect): Promise<void> {
  if (dialect.provider !== 'postgresql') return;
  await tx.$executeRawUnsafe('SET LOCAL jit = off');
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
}

/** What a report takes from the period's counted contacts. */
interface ContactFigures {
  readonly people: { readonly people: unknown; readonly reached: unknown };
  readonly cases: { readonly cases: unknown; readonly newCases: unknown };
  readonly contacts: number;
  readonly byChannel: Record<ContactChannel, number>;
  readonly byConsultingParty: Record<ConsultingPartyCategory, number>;
  readonly byAgeBand: Record<AgeBand, number>;
  /** `sex` (in `channel`), age on the last day (in `age`), `n` people: each person once. */
  readonly peopleBySexAge: readonly Row[];
  readonly contactsByContent: Record<ContactContent, number>;
}

/**
 * From the tallies of the period's units: sums of their columns, distinct persons and cases, a case
 * new when its first counted contact in scope (by the agency in scope, or by any) is in the period.
 * The people by sex × age on the last day read the persons reached, once each.
 */
async function tallyFigures(
  q: Statements,
  query: IndicatorQuery,
  periods: readonly string[],
  range: { start: string; end: string },
): Promise<ContactFigures> {
  const inPeriods = (p: Param) => `t."period" IN (${periods.map(p).join(', ')}) AND ${tallyScope(query, p)}`;
  const first = query.scope.kind === 'agency' ? 't."agencyFirstOn"' : 't."caseFirstOn"';
  const sum = (column: string) => `COALESCE(SUM(t."${column}"), 0) AS "${column}"`;
  const columns = [
    ...Object.values(TALLY_COLUMNS.channel),
    ...Object.values(TALLY_COLUMNS.party),
    ...Object.values(TALLY_COLUMNS.age),
    ...Object.values(TALLY_COLUMNS.content),
  ];
  // Sums over the rows; cases and persons each grouped once (hash aggregates, not four DISTINCT sorts).
  const totals = await q.one(
    (p) => `SELECT ${['contacts', ...columns].map(sum).join(', ')}
    FROM "ContactTally" t WHERE ${inPeriods(p)}`,
  );
  const caseTotals = await q.one(
    (
      p,
    ) => `SELECT COUNT(*) AS "cases", COALESCE(SUM(CASE WHEN "first" >= ${p(range.start)} THEN 1 ELSE 0 END), 0) AS "newCases"
    FROM (SELECT t."caseId", MIN(${first}) AS "first" FROM "ContactTally" t WHERE ${inPeriods(p)} GROUP BY t."caseId") AS c`,
  );
  // The persons contacted, each once, with whether they were reached, by sex × age on the last day.
  const ageAtEnd = ageSql(`CAST(${quote(range.end)} AS TEXT)`);
  const peopleRows = await q.all(
    (p) => `SELECT pe."sex" AS "channel", ${ageAtEnd} AS "age", COUNT(*) AS "n", SUM(d."reached") AS "reached"
    FROM (
      SELECT t."personId", MAX(CASE WHEN t."reached" > 0 THEN 1 ELSE 0 END) AS "reached"
      FROM "ContactTally" t WHERE ${inPeriods(p)} GROUP BY t."personId"
    ) AS d
      JOIN "Person" pe ON pe."id" = d."personId"
    GROUP BY pe."sex", ${ageAtEnd}`,
  );
  const peopleBySexAge = peopleRows;
  const pick = <K extends string>(columnsByKey: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(columnsByKey).map(([key, column]) => [key, Number(totals[column] ?? 0)]),
    ) as Record<K, number>;
  return {
    people: {
      people: peopleRows.reduce((n, r) => n + Number(r.n), 0),
      reached: peopleRows.reduce((n, r) => n + Number(r.reached ?? 0), 0),
    },
    cases: { cases: caseTotals.cases, newCases: caseTotals.newCases },
    contacts: Number(totals.contacts ?? 0),
    byChannel: pick<ContactChannel>(TALLY_COLUMNS.channel),
    byConsultingParty: pick<ConsultingPartyCategory>(TALLY_COLUMNS.party),
    byAgeBand: pick<AgeBand>(TALLY_COLUMNS.age),
    peopleBySexAge,
    contactsByContent: pick<ContactContent>(TALLY_COLUMNS.content),
  };
}

/**
 * From the period's contacts themselves, for a range the tallies' units do not divide. ONE pass gives
 * every figure, as kinds of rows of one statement: the breakdown by channel × category × age in years
 * (the age becomes its band here, by the core's own `ageBandOf`); the people reached; the cases
 * contacted, each new unless it has a counted contact before the period (an index probe per case); the
 * people by sex × age on the last day and the contacts by their stored contents.
 */
async function contactFigures(
  q: Statements,
  query: IndicatorQuery,
  range: { start: string; end: string },
): Promise<ContactFigures> {
  const inPeriod = (p: Param) =>
    `${contactScope(query, p)} AND k."occurredOn" >= ${p(range.start)} AND k."occurredOn" <= ${p(range.end)}`;
  const contactRows = await q.all(
    (p) => `WITH "period" AS (
      SELECT k."caseId" AS "caseId", c."personId" AS "personId", k."personContact" AS "personContact",
        k."channel" AS "channel", ${CONSULTING_PARTY_SQL} AS "party", ${ageSql('k."occurredOn"')} AS "age",
        pe."sex" AS "sex", ${ageSql(`CAST(${quote(range.end)} AS TEXT)`)} AS "ageAtEnd", CAST(k."contents" AS TEXT) AS "contents"
      ${CONTACT_FACT_JOINS}
      WHERE ${inPeriod(p)}
    )
    SELECT 'breakdown' AS "kind", "channel", "party", "age", COUNT(*) AS "n", CAST(NULL AS INTEGER) AS "m"
    FROM "period" GROUP BY "channel", "party", "age"
    UNION ALL
    SELECT 'people', CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER),
      COUNT(DISTINCT "personId"), COUNT(DISTINCT CASE WHEN "personContact" = 'reached' THEN "personId" END)
    FROM "period"
    UNION ALL
    SELECT 'cases', CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER), COUNT(*),
      COALESCE(SUM(CASE WHEN EXISTS (
        SELECT 1 FROM "Contact" e
        WHERE e."caseId" = "contacted"."caseId" AND e."occurredOn" < ${p(range.start)} AND ${earlierContactScope(query, p)}
      ) THEN 0 ELSE 1 END), 0)
    FROM (SELECT DISTINCT "caseId" FROM "period") AS "contacted"
    UNION ALL
    SELECT 'sexAge', "sex", CAST(NULL AS TEXT), "ageAtEnd", COUNT(*), CAST(NULL AS INTEGER)
    FROM (SELECT DISTINCT "personId", "sex", "ageAtEnd" FROM "period") AS "people"
    GROUP BY "sex", "ageAtEnd"
    UNION ALL
    SELECT 'contents', "contents", CAST(NULL AS TEXT), CAST(NULL AS INTEGER), COUNT(*), CAST(NULL AS INTEGER)
    FROM "period" GROUP BY "contents"`,
  );
  const summary = (kind: string) => contactRows.find((r) => r.kind === kind) ?? {};
  const byChannel = zeroCounts(CHANNEL_KEYS);
  const byConsultingParty = zeroCounts(CONSULTING_PARTY_KEYS);
  const byAgeBand = zeroCounts(AGE_BAND_ORDER);
  let contacts = 0;
  for (const row of contactRows.filter((r) => r.kind === 'breakdown')) {
    const n = Number(row.n);
    contacts += n;
    add(byChannel, row.channel as ContactChannel, n);
    add(byConsultingParty, row.party as ConsultingPartyCategory, n);
    add(byAgeBand, ageBandOf(row.age === null || row.age === undefined ? null : Number(row.age)), n);
  }
  // 相談内容: each distinct stored array once, with the number of contacts that have it.
  const contactsByContent = zeroCounts(CONTENT_KEYS);
  for (const row of contactRows.filter((r) => r.kind === 'contents')) {
    const contents = new Set(storedContents(row.channel));
    for (const c of CONTENT_KEYS) if (contents.has(c)) contactsByContent[c] += Number(row.n);
  }
  return {
    people: { people: summary('people').n, reached: summary('people').m },
    cases: { cases: summary('cases').n, newCases: summary('cases').m },
    contacts,
    byChannel,
    byConsultingParty,
    byAgeBand,
    peopleBySexAge: contactRows.filter((r) => r.kind === 'sexAge'),
    contactsByContent,
  };
}

/** Adds a parameter and returns its placeholder (each use is a new parameter: `?` is positional). */
export type Param = (value: string) => string;
export type Row = Record<string, unknown>;

export class Statements {
  constructor(
    private readonly tx: Tx,
    private readonly dialect: SqlDialect,
  ) {}

  async all(build: (p: Param) => string): Promise<Row[]> {
    const values: string[] = [];
    const sql = build((value) => {
      values.push(value);
      return this.dialect.param(values.length);
    });
    return this.tx.$queryRawUnsafe<Row[]>(sql, ...values);
  }

  async one(build: (p: Param) => string): Promise<Row> {
    return (await this.all(build))[0] ?? {};
  }
}

/** Cases the query is about (`c` is the case): lead or supporting agency, municipality, or all. */
export function caseScope(query: IndicatorQuery, p: Param): string {
  const scope = query.scope;
  // The case is joined: its municipality is read from it; an agency's cases as for any case id.
  if (scope.kind === 'municipality') return `c."municipalityCode" = ${p(scope.municipalityCode)}`;
  if (scope.kind === 'area') return `c."municipalityCode" IN (${scope.municipalityCodes.map(p).join(', ')})`;
  return caseIdScope(query, p, 'c."id"');
}

/**
 * `caseScope` for a row's case id column, without joining the case: a semi-join on the cases in scope
 * (none for the whole register).
 */
export function caseIdScope(query: IndicatorQuery, p: Param, column: string): string {
  const scope = query.scope;
  switch (scope.kind) {
    case 'agency':
      // A set the indexes can build first (an OR with EXISTS would make the planner scan).
      return `${column} IN (SELECT "id" FROM "Case" WHERE "leadAgencyId" = ${p(scope.agencyId)} UNION SELECT "caseId" FROM "CaseSupportingAgency" WHERE "agencyId" = ${p(scope.agencyId)})`;
    case 'municipality':
      return `${column} IN (SELECT "id" FROM "Case" WHERE "municipalityCode" = ${p(scope.municipalityCode)})`;
    case 'area':
      return `${column} IN (SELECT "id" FROM "Case" WHERE "municipalityCode" IN (${scope.municipalityCodes.map(p).join(', ')}))`;
    case 'all':
      return '1 = 1';
  }
}

/** A record without a case: held by the agency in scope, or in the municipality in scope. */
export function ownedScope(
  query: IndicatorQuery,
  p: Param,
  agencyColumn: string,
  municipalityColumn: string,
): string {
  const scope = query.scope;
  switch (scope.kind) {
    case 'agency':
      return `${agencyColumn} = ${p(scope.agencyId)}`;
    case 'municipality':
      return `${municipalityColumn} = ${p(scope.municipalityCode)}`;
    case 'area':
      return `${municipalityColumn} IN (${scope.municipalityCodes.map(p).join(', ')})`;
    case 'all':
      return '1 = 1';
  }
}

/**
 * Contacts counted (`k`, joined to its case `c`): an agency's own contacts on any case; a voided
 * record (取消) counts nowhere.
 */
export function contactScope(query: IndicatorQuery, p: Param): string {
  const scope =
    query.scope.kind === 'agency' ? `k."agencyId" = ${p(query.scope.agencyId)}` : caseScope(query, p);
  return `k."voidedAt" IS NULL AND ${scope}`;
}

/**
 * `contactScope` for another contact `e` of a case already in scope: only the agency that recorded it
 * and whether it was voided can still differ.
 */
function earlierContactScope(query: IndicatorQuery, p: Param): string {
  const scope = query.scope.kind === 'agency' ? ` AND e."agencyId" = ${p(query.scope.agencyId)}` : '';
  return `e."voidedAt" IS NULL${scope}`;
}

/** Referrals counted (`r`): an agency's own referrals on any case. */
function referralScope(query: IndicatorQuery, p: Param): string {
  return query.scope.kind === 'agency'
    ? `r."fromAgencyId" = ${p(query.scope.agencyId)}`
    : caseIdScope(query, p, 'r."caseId"');
}

export const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** CASE over the agency kind → sector, from `AGENCY_KINDS`; an agency not found is `unknown`. */
function SECTOR_SQL(kind: string): string {
  const arms = AGENCY_KINDS.map((k) => `WHEN ${quote(k.kind)} THEN ${quote(k.sector)}`).join(' ');
  return `CASE ${kind} ${arms} ELSE 'unknown' END`;
}

/**
 * The consulting-party category of contact `k` (household member `hm` joined when it is in the
 * person's household), by asking `consultingPartyCategory` for every kind and relation.
 */
/**
 * Contacts (k) with their case (c), the case's person (pe) and the household member who consulted (hm):
 * what the consulting party's category and the person's age on a contact are computed from.
 */
export const CONTACT_FACT_JOINS = `FROM "Contact" k
        JOIN "Case" c ON c."id" = k."caseId"
        JOIN "Person" pe ON pe."id" = c."personId"
        LEFT JOIN "HouseholdMember" hm
          ON k."consultingPartyKind" = 'householdMember'
          AND hm."id" = k."consultingPartyMemberId" AND hm."personId" = c."personId"`;

export const CONSULTING_PARTY_SQL: string = (() => {
  const member = (relation: string | null): ConsultingParty => ({
    kind: 'householdMember',
    householdMemberId: relation === null ? 'missing' : 'member',
  });
  const householdOf = (relation: string) =>
    [{ id: 'member', relation, displayName: null, birthYear: null, livesWithPerson: true }] as Parameters<
      typeof consultingPartyCategory
    >[1];
  const relationArms = householdRelationSchema.options
    .map((r) => `WHEN ${quote(r)} THEN ${quote(consultingPartyCategory(member(r), householdOf(r)))}`)
    .join(' ');
  const notInHousehold = consultingPartyCategory(member(null), []);
  const simple = (['person', 'agency', 'anonymous'] as const)
    .map(
      (kind) => `WHEN ${quote(kind)} THEN ${quote(consultingPartyCategory({ kind } as ConsultingParty, []))}`,
    )
    .join(' ');
  return `CASE k."consultingPartyKind" ${simple}
    WHEN 'householdMember' THEN CASE WHEN hm."id" IS NULL THEN ${quote(notInHousehold)} ELSE CASE hm."relation" ${relationArms} ELSE ${quote(notInHousehold)} END END
    ELSE 'anonymous' END`;
})();

/**
 * Full years of age of person `pe` on `on`, as `ageOn` computes it: from the birth date, or from a
 * birth year-month taken as the month's last day; null when neither is known. Dates are 'YYYY-MM-DD'
 * text, so 'MM-DD' compares as the day of the year.
 */
export function ageSql(on: string): string {
  const ym = 'pe."birthYearMonth"';
  const year = `CAST(SUBSTR(${ym}, 1, 4) AS INTEGER)`;
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const lastDay = `CASE SUBSTR(${ym}, 6, 2) WHEN '02' THEN (CASE WHEN ${leap} THEN '29' ELSE '28' END) WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END`;
  const birthday = `CASE WHEN pe."birthDate" IS NOT NULL THEN SUBSTR(pe."birthDate", 6, 5) ELSE SUBSTR(${ym}, 6, 2) || '-' || ${lastDay} END`;
  const birthYear = `CAST(SUBSTR(COALESCE(pe."birthDate", ${ym}), 1, 4) AS INTEGER)`;
  return `CASE WHEN pe."birthDate" IS NULL AND ${ym} IS NULL THEN NULL
    ELSE CAST(SUBSTR(${on}, 1, 4) AS INTEGER) - ${birthYear} - (CASE WHEN SUBSTR(${on}, 6, 5) < ${birthday} THEN 1 ELSE 0 END) END`;
}

function zeroCounts<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
}

function add<T extends string>(counts: Record<T, number>, key: T, n: number): void {
  if (key in counts) counts[key] += n;
}
