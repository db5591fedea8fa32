import {
  AGE_BAND_ORDER,
  AGE_BAND_RANGES,
  CHANNEL_KEYS,
  CONSULTING_PARTY_KEYS,
  CONTENT_KEYS,
  type IndicatorQuery,
  type ReportingPeriod,
} from '@hikikomori-register/core';
import { ageSql, CONSULTING_PARTY_SQL, CONTACT_FACT_JOINS, type Param, quote } from './sql-indicators.ts';

/**
 * 相談・支援記録の集計 (`ContactTally`): per case × recording agency × reporting unit, the counted
 * contacts as the indicators count them. Units are the fiscal year ('Y2025'), its halves ('H2025-1',
 * 'H2025-2') and calendar months ('M2025-04'), so every period a report can ask for, except a range that
 * does not start and end on month boundaries, is one unit or a union of months.
 *
 * The rows of a case are rewritten from its contacts (delete, then insert from one grouped SELECT) in
 * the transaction of every write that changes a counted fact: a contact written or corrected or voided,
 * the case (person, municipality: merges), the person (birth date: ages) or their household (the
 * consulting party's relation). The categories and age bands are the same SQL the report used to run
 * per contact, taken from the core. Rows are inserted in unit order: a batch of cases (backfill, seed)
 * leaves each unit's rows side by side on disk, so a report reads a few pages per batch, not one per row.
 */

/** The count columns, by report key: a key the core adds without a column fails every write. */
export const TALLY_COLUMNS = {
  channel: Object.fromEntries(CHANNEL_KEYS.map((k) => [k, `channel_${k}`])) as Record<string, string>,
  party: Object.fromEntries(CONSULTING_PARTY_KEYS.map((k) => [k, `party_${k}`])) as Record<string, string>,
  age: Object.fromEntries(AGE_BAND_ORDER.map((k) => [k, `age_${k}`])) as Record<string, string>,
  content: Object.fromEntries(CONTENT_KEYS.map((k) => [k, `content_${k}`])) as Record<string, string>,
};

/** Every count column, in one order (for INSERT and SUM). */
export const TALLY_COUNT_COLUMNS: readonly string[] = [
  'contacts',
  'reached',
  ...Object.values(TALLY_COLUMNS.channel),
  ...Object.values(TALLY_COLUMNS.party),
  ...Object.values(TALLY_COLUMNS.age),
  ...Object.values(TALLY_COLUMNS.content),
];

/** The age band of an age in years (SQL expression `age`), by the core's `AGE_BAND_RANGES`. */
function ageBandSql(age: string): string {
  const arms = Object.entries(AGE_BAND_RANGES)
    .map(
      ([band, r]) =>
        `WHEN ${age} >= ${r.from}${r.below === null ? '' : ` AND ${age} < ${r.below}`} THEN ${quote(band)}`,
    )
    .join(' ');
  return `CASE WHEN ${age} IS NULL THEN 'unknown' ${arms} ELSE 'unknown' END`;
}

/** One statement: its text, given the function that adds a parameter and returns its placeholder. */
export type Statement = (p: Param) => string;

/** The cases a maintenance statement is about: `column IN (…)` over case ids. */
export type CasesOf = (column: string, p: Param) => string;

/** Cases by id. */
export const casesById =
  (caseIds: readonly string[]): CasesOf =>
  (column, p) =>
    `${column} IN (${caseIds.map(p).join(', ')})`;

/** The cases of a person (their age and household count in every contact of their cases). */
export const casesOfPerson =
  (personId: string): CasesOf =>
  (column, p) =>
    `${column} IN (SELECT "id" FROM "Case" WHERE "personId" = ${p(personId)})`;

/** Rewrites the tally rows of the cases from their contacts: two statements. */
export function contactTallyStatements(cases: CasesOf): Statement[] {
  const remove: Statement = (p) => `DELETE FROM "ContactTally" WHERE ${cases('"caseId"', p)}`;
  const month = `CAST(SUBSTR(k."occurredOn", 6, 2) AS INTEGER)`;
  const fiscalYear = `CAST(CAST(SUBSTR(k."occurredOn", 1, 4) AS INTEGER) - (CASE WHEN ${month} < 4 THEN 1 ELSE 0 END) AS TEXT)`;
  const period = `CASE u."unit"
      WHEN 'Y' THEN 'Y' || ${fiscalYear}
      WHEN 'H' THEN 'H' || ${fiscalYear} || (CASE WHEN ${month} BETWEEN 4 AND 9 THEN '-1' ELSE '-2' END)
      ELSE 'M' || SUBSTR(k."occurredOn", 1, 7) END`;
  const when = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const counts = [
    'COUNT(*)',
    when(`x."personContact" = 'reached'`),
    ...Object.keys(TALLY_COLUMNS.channel).map((k) => when(`x."channel" = ${quote(k)}`)),
    ...Object.keys(TALLY_COLUMNS.party).map((k) => when(`x."party" = ${quote(k)}`)),
    ...Object.keys(TALLY_COLUMNS.age).map((k) => when(`x."band" = ${quote(k)}`)),
    // The stored array as text holds each key quoted; a key is never inside another's quotes.
    ...Object.keys(TALLY_COLUMNS.content).map((k) => when(`x."contents" LIKE ${quote(`%"${k}"%`)}`)),
  ];
  const insert: Statement = (
    p,
  ) => `INSERT INTO "ContactTally" ("caseId", "agencyId", "period", "personId", "municipalityCode",
      "caseFirstOn", "agencyFirstOn", ${TALLY_COUNT_COLUMNS.map((c) => `"${c}"`).join(', ')})
    SELECT x."caseId", x."agencyId", x."period", MIN(x."personId"), MIN(x."municipalityCode"),
      MIN(x."caseFirstOn"), MIN(x."agencyFirstOn"), ${counts.join(', ')}
    FROM (
      SELECT k."caseId" AS "caseId", k."agencyId" AS "agencyId", ${period} AS "period",
        c."personId" AS "personId", c."municipalityCode" AS "municipalityCode",
        MIN(k."occurredOn") OVER (PARTITION BY k."caseId") AS "caseFirstOn",
        MIN(k."occurredOn") OVER (PARTITION BY k."caseId", k."agencyId") AS "agencyFirstOn",
        k."channel" AS "channel", k."personContact" AS "personContact", ${CONSULTING_PARTY_SQL} AS "party",
        ${ageBandSql(ageSql('k."occurredOn"'))} AS "band", CAST(k."contents" AS TEXT) AS "contents"
      ${CONTACT_FACT_JOINS}
        CROSS JOIN (SELECT 'Y' AS "unit" UNION ALL SELECT 'H' UNION ALL SELECT 'M') u
      WHERE k."voidedAt" IS NULL AND ${cases('k."caseId"', p)}
    ) x
    GROUP BY x."caseId", x."agencyId", x."period"
    ORDER BY x."period", x."caseId"`;
  return [remove, insert];
}

/** The history tables whose entries carry `supersededOn`. */
export const HISTORY_TABLES = ['SupportStageChange', 'FamilyStageChange', 'CaseStatusChange'] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

/**
 * Sets `supersededOn` of every entry of the cases' histories (all three, or one): the effectiveOn of
 * the entry that follows it (effectiveOn, then sequence). A backdated entry changes its predecessors',
 * so the whole (short) history of each case is rewritten. The next entry is read with LEAD over each
 * case's own rows: a correlated MIN(effectiveOn) let PostgreSQL walk the (effectiveOn, …) report
 * index in order for every row, a cost that grew with the whole table rather than with the case.
 */
export function inForceStatements(
  cases: CasesOf,
  tables: readonly HistoryTable[] = HISTORY_TABLES,
): Statement[] {
  return tables.map(
    (table) => (p) =>
      `UPDATE "${table}" SET "supersededOn" = n."next"
    FROM (
      SELECT "caseId", "sequence",
        LEAD("effectiveOn") OVER (PARTITION BY "caseId" ORDER BY "effectiveOn", "sequence") AS "next"
      FROM "${table}" WHERE ${cases('"caseId"', p)}
    ) n
    WHERE "${table}"."caseId" = n."caseId" AND "${table}"."sequence" = n."sequence"`,
  );
}

/** Runs statements one after the other, each with its own parameters. */
export async function runStatements(
  statements: readonly Statement[],
  placeholder: (n: number) => string,
  execute: (sql: string, values: string[]) => Promise<unknown>,
): Promise<void> {
  for (const build of statements) {
    const values: string[] = [];
    const sql = build((value) => {
      values.push(value);
      return placeholder(values.length);
    });
    await execute(sql, values);
  }
}

/**
 * The units whose union is the period, or null when it is not a union of units (a range that does
 * not start on a month's first day or end on a month's last day): the report then reads the contacts.
 */
export function tallyPeriods(period: ReportingPeriod): string[] | null {
  switch (period.kind) {
    case 'fiscalYear':
      return [`Y${period.fiscalYear}`];
    case 'firstHalf':
      return [`H${period.fiscalYear}-1`];
    case 'secondHalf':
      return [`H${period.fiscalYear}-2`];
    case 'month':
      return [`M${period.month}`];
    case 'range': {
      const [fromYear, fromMonth, fromDay] = period.from.split('-').map(Number) as [number, number, number];
      const [toYear, toMonth, toDay] = period.to.split('-').map(Number) as [number, number, number];
      const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
      if (fromDay !== 1 || toDay !== lastDay || period.from > period.to) return null;
      const months: string[] = [];
      for (let n = fromYear * 12 + fromMonth - 1; n <= toYear * 12 + toMonth - 1; n++)
        months.push(`M${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
      return months;
    }
  }
}

/** Tally rows in the query's scope (`t`): the recording agency, or the case's municipality. */
export function tallyScope(query: IndicatorQuery, p: Param): string {
  const scope = query.scope;
  switch (scope.kind) {
    case 'agency':
      return `t."agencyId" = ${p(scope.agencyId)}`;
    case 'municipality':
      return `t."municipalityCode" = ${p(scope.municipalityCode)}`;
    case 'area':
      return `t."municipalityCode" IN (${scope.municipalityCodes.map(p).join(', ')})`;
    case 'all':
      return '1 = 1';
  }
}
