import {
  AGE_BAND_ORDER,
  type AgeBand,
  ageBandOf,
  CLOSURE_REASON_KEYS,
  type ClosureReason,
  CONTENT_KEYS,
  closureReasonSchema,
  FAMILY_STAGE_KEYS,
  type FamilyStageKey,
  type IndicatorBreakdownCounts,
  type IndicatorQuery,
  type MunicipalityConferenceCounts,
  PLACE_KIND_KEYS,
  type PlaceKind,
  periodRange,
  SEX_KEYS,
  type Sex,
  sortByMunicipality,
  zeroCounts,
} from '@hikikomori-register/core';
import {
  ageSql,
  caseScope,
  contactScope,
  ownedScope,
  type Param,
  quote,
  type Statements,
} from './sql-indicators.ts';

/**
 * The breakdowns of the prefectural tables (see the core's indicator-breakdowns.ts), aggregated in the
 * database over the same scope as the other indicator figures, and equal to the in-memory counts.
 */
export async function sqlIndicatorBreakdowns(
  q: Statements,
  query: IndicatorQuery,
): Promise<IndicatorBreakdownCounts> {
  const range = periodRange(query.period);
  // Both ends are validated calendar dates: safe as literals where one value is used many times.
  const end = `CAST(${quote(range.end)} AS TEXT)`;
  const inRange = (column: string, p: Param) =>
    `${column} >= ${p(range.start)} AND ${column} <= ${p(range.end)}`;
  const contactsInPeriod = (p: Param) => `${contactScope(query, p)} AND ${inRange('k."occurredOn"', p)}`;

  // 実人数 by sex × age on the last day: each person once, whichever cases the contacts were on.
  const peopleRows = await q.all(
    (p) => `SELECT "sex", "age", COUNT(*) AS "n"
    FROM (
      SELECT DISTINCT c."personId", pe."sex" AS "sex", ${ageSql(end)} AS "age"
      FROM "Contact" k
        JOIN "Case" c ON c."id" = k."caseId"
        JOIN "Person" pe ON pe."id" = c."personId"
      WHERE ${contactsInPeriod(p)}
    ) AS "people"
    GROUP BY "sex", "age"`,
  );
  const peopleBySexAge = Object.fromEntries(SEX_KEYS.map((s) => [s, zeroCounts(AGE_BAND_ORDER)])) as Record<
    Sex,
    Record<AgeBand, number>
  >;
  for (const row of peopleRows) {
    const bySex = peopleBySexAge[row.sex as Sex] ?? peopleBySexAge.unknown;
    bySex[ageBandOf(row.age === null || row.age === undefined ? null : Number(row.age))] += Number(row.n);
  }

  // 相談内容: the stored JSON array as text holds each content once as a quoted string.
  const contentRow = await q.one(
    (p) => `SELECT ${CONTENT_KEYS.map(
      (c, i) =>
        `COALESCE(SUM(CASE WHEN CAST(k."contents" AS TEXT) LIKE ${quote(`%"${c}"%`)} THEN 1 ELSE 0 END), 0) AS "c${i}"`,
    ).join(', ')}
    FROM "Contact" k JOIN "Case" c ON c."id" = k."caseId"
    WHERE ${contactsInPeriod(p)}`,
  );
  const contactsByContent = zeroCounts(CONTENT_KEYS);
  CONTENT_KEYS.forEach((c, i) => {
    contactsByContent[c] = Number(contentRow[`c${i}`] ?? 0);
  });

  // Open on the last day as the stage figures decide it; the family stage in force then.
  const familyRows = await q.all(
    (p) => `SELECT "stage", COUNT(*) AS "n"
    FROM (
      SELECT
        CASE WHEN EXISTS (SELECT 1 FROM "CaseStatusChange" h WHERE h."caseId" = c."id")
          THEN COALESCE((SELECT h."to" FROM "CaseStatusChange" h
                WHERE h."caseId" = c."id" AND h."effectiveOn" <= ${end}
                ORDER BY h."effectiveOn" DESC, h."sequence" DESC LIMIT 1), 'closed')
          WHEN c."status" = 'closed' AND c."statusSince" <= ${end} THEN 'closed'
          ELSE 'open' END AS "state",
        COALESCE((SELECT e."to" FROM "FamilyStageChange" e
          WHERE e."caseId" = c."id" AND e."effectiveOn" <= ${end}
          ORDER BY e."effectiveOn" DESC, e."sequence" DESC LIMIT 1), 'none') AS "stage"
      FROM "Case" c
      WHERE ${caseScope(query, p)} AND c."openedOn" <= ${end}
    ) AS "atEnd"
    WHERE "state" <> 'closed'
    GROUP BY "stage"`,
  );
  const familyStagesAtEnd = zeroCounts(FAMILY_STAGE_KEYS);
  for (const row of familyRows) {
    const key = row.stage as FamilyStageKey;
    if (key in familyStagesAtEnd) familyStagesAtEnd[key] += Number(row.n);
  }

  // 終結: closed entries effective in the period; a case without history as its record says.
  const closureRows = await q.all(
    (p) => `SELECT "reason", COUNT(*) AS "n"
    FROM (
      SELECT h."reason" AS "reason"
      FROM "CaseStatusChange" h JOIN "Case" c ON c."id" = h."caseId"
      WHERE ${caseScope(query, p)} AND h."to" = 'closed' AND ${inRange('h."effectiveOn"', p)}
      UNION ALL
      SELECT c."statusReason" AS "reason"
      FROM "Case" c
      WHERE ${caseScope(query, p)} AND c."status" = 'closed' AND ${inRange('c."statusSince"', p)}
        AND NOT EXISTS (SELECT 1 FROM "CaseStatusChange" h WHERE h."caseId" = c."id")
    ) AS "closures"
    GROUP BY "reason"`,
  );
  const closuresByReason = zeroCounts(CLOSURE_REASON_KEYS);
  for (const row of closureRows) {
    const parsed = closureReasonSchema.safeParse(row.reason);
    const reason: ClosureReason = parsed.success ? parsed.data : 'other';
    closuresByReason[reason] += Number(row.n);
  }

  // Participants by the kind of place (the place's agency or municipality is the scope).
  const atPlace = `JOIN "ProgrammeSession" s ON s."id" = x."sessionId"
      JOIN "Programme" pr ON pr."id" = s."programmeId"
      JOIN "Place" pl ON pl."id" = pr."placeId"`;
  const placeScope = (p: Param) => ownedScope(query, p, 'pl."agencyId"', 'pl."municipalityCode"');
  const registeredRows = await q.all(
    (p) => `SELECT pl."kind" AS "kind", COUNT(*) AS "n"
    FROM "Attendance" x ${atPlace}
    WHERE ${placeScope(p)} AND ${inRange('x."attendedOn"', p)}
    GROUP BY pl."kind"`,
  );
  const headcountRows = await q.all(
    (p) => `SELECT pl."kind" AS "kind", SUM(x."persons") AS "persons", SUM(x."familyMembers") AS "family"
    FROM "SessionHeadcount" x ${atPlace}
    WHERE ${placeScope(p)} AND ${inRange('s."heldOn"', p)}
    GROUP BY pl."kind"`,
  );
  const attendanceByPlaceKind = Object.fromEntries(
    PLACE_KIND_KEYS.map((k) => [k, { registered: 0, unregisteredPersons: 0, unregisteredFamily: 0 }]),
  ) as Record<PlaceKind, { registered: number; unregisteredPersons: number; unregisteredFamily: number }>;
  for (const row of registeredRows) {
    const a = attendanceByPlaceKind[row.kind as PlaceKind];
    if (a) a.registered += Number(row.n);
  }
  for (const row of headcountRows) {
    const a = attendanceByPlaceKind[row.kind as PlaceKind];
    if (!a) continue;
    a.unregisteredPersons += Number(row.persons ?? 0);
    a.unregisteredFamily += Number(row.family ?? 0);
  }

  const conferenceRows = await q.all(
    (p) => `SELECT og."municipalityCode" AS "code", COUNT(*) AS "held", COALESCE(SUM(d."n"), 0) AS "cases"
    FROM "CaseConference" f
      LEFT JOIN "Agency" og ON og."id" = f."organiserAgencyId"
      LEFT JOIN (SELECT "conferenceId", COUNT(*) AS "n" FROM "CaseConferenceCase" GROUP BY "conferenceId") d
        ON d."conferenceId" = f."id"
    WHERE ${ownedScope(query, p, 'f."organiserAgencyId"', 'og."municipalityCode"')} AND ${inRange('f."heldOn"', p)}
    GROUP BY og."municipalityCode"`,
  );
  const conferencesByMunicipality: MunicipalityConferenceCounts[] = sortByMunicipality(
    conferenceRows.map((row) => ({
      municipalityCode: row.code === null || row.code === undefined ? null : String(row.code),
      held: Number(row.held),
      casesDiscussed: Number(row.cases),
    })),
  );

  const supporters = await q.one(
    (p) => `SELECT
      COALESCE(SUM(CASE WHEN ${inRange('s."trainedOn"', p)} THEN 1 ELSE 0 END), 0) AS "trained",
      COALESCE(SUM(CASE WHEN ${inRange('s."registeredOn"', p)} THEN 1 ELSE 0 END), 0) AS "registered"
    FROM "Supporter" s
    WHERE ${ownedScope(query, p, 's."agencyId"', 's."municipalityCode"')}`,
  );

  return {
    peopleBySexAge,
    contactsByContent,
    familyStagesAtEnd,
    closuresByReason,
    attendanceByPlaceKind,
    conferencesByMunicipality,
    supporters: { trained: Number(supporters.trained ?? 0), registered: Number(supporters.registered ?? 0) },
  };
}
