import {
  AGE_BAND_ORDER,
  type AgeBand,
  ageBandOf,
  CLOSURE_REASON_KEYS,
  type ClosureReason,
  type CONTENT_KEYS,
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
  caseIdScope,
  caseScope,
  ownedScope,
  type Param,
  type Row,
  type Statements,
} from './sql-indicators.ts';

/**
 * Rows the indicator counts' own passes already give (see sql-indicators.ts): the period's contacts
 * are read once for every figure taken from them, and each case's histories ranked once.
 */
export interface SharedIndicatorRows {
  /** `sex` (in `channel`), age on the last day (in `age`), `n` people: each person once. */
  readonly peopleBySexAge: readonly Row[];
  /** Contacts by content (相談内容), each contact once per content it has. */
  readonly contactsByContent: Record<(typeof CONTENT_KEYS)[number], number>;
  /** Cases open on the last day by support `stage` × `family` stage, `n`. */
  readonly atEnd: readonly Row[];
  /** Registered participants (延べ) by the `kind` of place, `n`. */
  readonly registeredByPlaceKind: readonly Row[];
}

/**
 * The breakdowns of the prefectural tables (see the core's indicator-breakdowns.ts), aggregated in the
 * database over the same scope as the other indicator figures, and equal to the in-memory counts.
 * Their own statements run first; the rows shared with the other figures are awaited after them.
 */
export async function sqlIndicatorBreakdowns(
  q: Statements,
  query: IndicatorQuery,
  sharedRows: Promise<SharedIndicatorRows>,
): Promise<IndicatorBreakdownCounts> {
  const range = periodRange(query.period);
  const inRange = (column: string, p: Param) =>
    `${column} >= ${p(range.start)} AND ${column} <= ${p(range.end)}`;

  // 終結: closed entries effective in the period; a case without history as its record says.
  const closureRows = await q.all(
    (p) => `SELECT "reason", COUNT(*) AS "n"
    FROM (
      SELECT h."reason" AS "reason"
      FROM "CaseStatusChange" h
      WHERE ${caseIdScope(query, p, 'h."caseId"')} AND h."to" = 'closed' AND ${inRange('h."effectiveOn"', p)}
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
  const headcountRows = await q.all(
    (p) => `SELECT pl."kind" AS "kind", SUM(x."persons") AS "persons", SUM(x."familyMembers") AS "family"
    FROM "SessionHeadcount" x ${atPlace}
    WHERE ${placeScope(p)} AND ${inRange('s."heldOn"', p)}
    GROUP BY pl."kind"`,
  );
  const attendanceByPlaceKind = Object.fromEntries(
    PLACE_KIND_KEYS.map((k) => [k, { registered: 0, unregisteredPersons: 0, unregisteredFamily: 0 }]),
  ) as Record<PlaceKind, { registered: number; unregisteredPersons: number; unregisteredFamily: number }>;
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

  // The rows of the other figures' statements, which may still be running on another connection.
  const shared = await sharedRows;
  for (const row of shared.registeredByPlaceKind) {
    const a = attendanceByPlaceKind[row.kind as PlaceKind];
    if (a) a.registered += Number(row.n);
  }
  // 実人数 by sex × age on the last day: each person once, whichever cases the contacts were on.
  const peopleBySexAge = Object.fromEntries(SEX_KEYS.map((s) => [s, zeroCounts(AGE_BAND_ORDER)])) as Record<
    Sex,
    Record<AgeBand, number>
  >;
  for (const row of shared.peopleBySexAge) {
    const bySex = peopleBySexAge[row.channel as Sex] ?? peopleBySexAge.unknown;
    bySex[ageBandOf(row.age === null || row.age === undefined ? null : Number(row.age))] += Number(row.n);
  }

  const contactsByContent = shared.contactsByContent;

  // Open on the last day as the stage figures decide it; the family stage in force then.
  const familyStagesAtEnd = zeroCounts(FAMILY_STAGE_KEYS);
  for (const row of shared.atEnd) {
    const key = row.family as FamilyStageKey;
    if (key in familyStagesAtEnd) familyStagesAtEnd[key] += Number(row.n);
  }

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

/** The contents of a contact as stored (a JSON array of content keys); anything else has none. */
export function storedContents(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
