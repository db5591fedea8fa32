import {
  ALL_CASE_SECTIONS,
  type CaseListQuery,
  type CaseloadAudit,
  type CaseloadPageParts,
  type CaseloadPageRows,
  type CaseSection,
  decodeCursor,
  encodeCursor,
  type PlanReviewDue,
} from '@hikikomori-register/core';
import type * as Row from '../generated/sqlite/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import {
  AssessmentScalarFieldEnum,
  CaseScalarFieldEnum,
  CaseSupportingAgencyScalarFieldEnum,
  ContactScalarFieldEnum,
  HouseholdMemberScalarFieldEnum,
  PersonScalarFieldEnum,
  ReferralScalarFieldEnum,
  ReferralStatusChangeScalarFieldEnum,
  SupportPlanReviewScalarFieldEnum,
  SupportPlanScalarFieldEnum,
} from '../generated/sqlite/internal/prismaNamespaceBrowser.ts';
import * as rows from './rows.ts';
import type { SqlDialect } from './sql-dialect.ts';

type Tx = Prisma.TransactionClient;

/** Runs one raw statement and gives its rows: Prisma's raw-query path, or the driver's (`Database.direct`). */
export type RawQuery = <T>(sql: string, values: readonly unknown[]) => Promise<T[]>;

/** A transaction's (or the reader's) raw-query path as a `RawQuery`. */
export const rawQueryOf =
  (tx: Tx): RawQuery =>
  (sql, values) =>
    tx.$queryRawUnsafe(sql, ...values);

/*
 * A caseload page in ONE statement: the page of cases (the same filter, order and keyset as
 * `cases.list`) with, per case, its supporting agencies, open referrals and whichever of person, last
 * contact, latest assessment, plans and when the plans' reviews are due are asked, the whole page as
 * one JSON document. A page then costs one round trip and one row mapping per case instead of a dozen
 * Prisma queries; the reads also see one snapshot. The JSON carries the Prisma field names, so the rows go through the same `rows.*FromRow`
 * mappers as every other read. Name search (氏名検索) is left to the composed path.
 */

/** Columns of a table, from the generated client: a column added to the datamodel is read here too. */
const COLUMNS = {
  Case: Object.values(CaseScalarFieldEnum),
  CaseSupportingAgency: Object.values(CaseSupportingAgencyScalarFieldEnum),
  Person: Object.values(PersonScalarFieldEnum),
  HouseholdMember: Object.values(HouseholdMemberScalarFieldEnum),
  Contact: Object.values(ContactScalarFieldEnum),
  Assessment: Object.values(AssessmentScalarFieldEnum),
  SupportPlan: Object.values(SupportPlanScalarFieldEnum),
  SupportPlanReview: Object.values(SupportPlanReviewScalarFieldEnum),
  Referral: Object.values(ReferralScalarFieldEnum),
  ReferralStatusChange: Object.values(ReferralStatusChangeScalarFieldEnum),
} as const;
type Table = keyof typeof COLUMNS;

/** Columns whose JSON needs turning back into what Prisma hands out (these names mean one type everywhere). */
const INSTANTS = new Set(['createdAt', 'updatedAt', 'recordedAt', 'addedAt']);
const BOOLEANS = new Set(['livesWithPerson', 'closed']);
const DOCUMENTS = new Set(['contents', 'answers', 'scores', 'goals', 'sharedSections']);

interface JsonSql {
  /** A JSON object of the given key/expression pairs. */
  object(pairs: readonly (readonly [string, string])[]): string;
  /** A JSON array of `element` over `from` (never null: an empty array when no row). */
  array(element: string, from: string, orderBy: string): string;
  /** A stored JSON document embedded as JSON, not as a string. */
  document(column: string): string;
  /** A bound instant compared with a DateTime column. */
  instant(param: string): string;
  /** A scalar subquery's JSON embedded as JSON (SQLite forgets it was JSON past a subquery). */
  sub(subquery: string): string;
}

const jsonSql: Readonly<Record<SqlDialect['provider'], JsonSql>> = {
  postgresql: {
    object: (pairs) => `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
    array: (element, from, orderBy) =>
      `COALESCE((SELECT json_agg(${element} ORDER BY ${orderBy}) ${from}), '[]'::json)`,
    document: (column) => column,
    // A timestamp without time zone holds UTC; the zone of the bound text is ignored by the cast.
    instant: (param) => `${param}::timestamp`,
    sub: (subquery) => subquery,
  },
  sqlite: {
    object: (pairs) => `json_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
    // SQLite aggregates in the order rows arrive: the inner query orders them.
    array: (element, from, orderBy) =>
      `json((SELECT json_group_array(json(j)) FROM (SELECT ${element} AS j ${from} ORDER BY ${orderBy})))`,
    document: (column) => `json(${column})`,
    instant: (param) => param,
    sub: (subquery) => `json(${subquery})`,
  },
};

/** Every column of `table` (aliased `alias`) but `left` as one JSON object. */
function rowObject(json: JsonSql, table: Table, alias: string, left: readonly string[] = []): string {
  // PostgreSQL turns a whole row into JSON itself (shorter text to send and plan, same keys).
  if (json === jsonSql.postgresql && left.length === 0) return `row_to_json(${alias})`;
  return json.object(
    COLUMNS[table]
      .filter((c) => !left.includes(c))
      .map((c) => [c, DOCUMENTS.has(c) ? json.document(`${alias}."${c}"`) : `${alias}."${c}"`]),
  );
}

/**
 * Back from JSON to the shapes Prisma returns (Date, boolean), recursively through child rows, in
 * place: the parsed page is this function's own, and copying every object of it was most of the
 * garbage a page left behind.
 */
function revive<T>(value: unknown): T {
  if (Array.isArray(value)) {
    for (const v of value) revive(v);
    return value as T;
  }
  if (value === null || typeof value !== 'object') return value as T;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'string') {
      if (INSTANTS.has(key)) record[key] = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
    } else if (typeof v === 'number') {
      if (BOOLEANS.has(key)) record[key] = v !== 0;
    } else if (v !== null && typeof v === 'object' && !DOCUMENTS.has(key)) revive(v);
  }
  return value as T;
}

/** A parsed row given its child rows under `key`, in place (the parsed page is `revive`'s own, as above). */
function withChildren<R extends object, K extends string, C>(row: R, key: K, children: C): R & Record<K, C> {
  (row as Record<string, unknown>)[key] = children;
  return row as R & Record<K, C>;
}

/** Stored instants on SQLite are ISO text with an explicit +00:00 zone (as Prisma writes them). */
const boundInstant = (dialect: SqlDialect, at: Date): string =>
  dialect.provider === 'sqlite' ? at.toISOString().replace('Z', '+00:00') : at.toISOString();

/** Whether the one-statement read covers this query (name search and other filters go the composed way). */
/** The filters the one statement below implements; any other filter takes the general path. */
const SQL_FILTERS: ReadonlySet<string> = new Set([
  'stage',
  'status',
  'leadAgencyId',
  'agencyId',
  'municipalityCode',
  'personReached',
  'referralPending',
  'reviewOverdueOn',
]);

export const caseloadSqlCovers = (query: CaseListQuery): boolean =>
  Object.entries(query.filter).every(([name, value]) => value === undefined || SQL_FILTERS.has(name));

interface CaseloadRow {
  readonly case: Row.Case;
  readonly supporting: Row.CaseSupportingAgency[];
  readonly referrals: readonly { readonly r: object; readonly history: readonly object[] }[];
  readonly person: { readonly p: object; readonly household: readonly object[] } | null;
  readonly personSummary: Row.Person | null;
  readonly lastContact: object | null;
  readonly latestAssessment: object | null;
  readonly latestAssessmentSummary: object | null;
  readonly plans: readonly { readonly p: object; readonly reviews: readonly object[] }[] | null;
  /** Already in the core's shape: read as is. */
  readonly reviewsDue: readonly PlanReviewDue[] | null;
}

const latestAssessment = (json: JsonSql, left: readonly string[]) =>
  json.sub(
    `(SELECT ${rowObject(json, 'Assessment', 'a', left)} FROM "Assessment" a WHERE a."caseId" = p."id" AND a."voidedAt" IS NULL ORDER BY a."assessedOn" DESC, a."recordedAt" DESC, a."id" DESC LIMIT 1)`,
  );

/** The JSON document of one case of the page (`p`): built once per database and set of parts asked. */
const documents = new Map<string, string>();
function caseDocument(provider: SqlDialect['provider'], parts: CaseloadPageParts): string {
  const key = `${provider}:${parts.person}:${parts.personSummary}:${parts.lastContact}:${parts.latestAssessment}:${parts.latestAssessmentSummary}:${parts.plans}:${parts.reviewsDue}`;
  const known = documents.get(key);
  if (known) return known;
  const json = jsonSql[provider];
  const document = json.object([
    ['case', rowObject(json, 'Case', 'p')],
    [
      'supporting',
      json.array(
        rowObject(json, 'CaseSupportingAgency', 's'),
        `FROM "CaseSupportingAgency" s WHERE s."caseId" = p."id"`,
        's."position"',
      ),
    ],
    [
      'referrals',
      json.array(
        json.object([
          ['r', rowObject(json, 'Referral', 'r')],
          [
            'history',
            json.array(
              rowObject(json, 'ReferralStatusChange', 'h'),
              `FROM "ReferralStatusChange" h WHERE h."referralId" = r."id"`,
              'h."sequence"',
            ),
          ],
        ]),
        `FROM "Referral" r WHERE r."caseId" = p."id" AND r."status" IN ('sent', 'accepted')`,
        'r."sentOn", r."id"',
      ),
    ],
    [
      'person',
      parts.person
        ? json.sub(
            `(SELECT ${json.object([
              ['p', rowObject(json, 'Person', 'pe')],
              [
                'household',
                json.array(
                  rowObject(json, 'HouseholdMember', 'm'),
                  `FROM "HouseholdMember" m WHERE m."personId" = pe."id"`,
                  'm."position"',
                ),
              ],
            ])} FROM "Person" pe WHERE pe."id" = p."personId")`,
          )
        : 'NULL',
    ],
    [
      'personSummary',
      parts.personSummary
        ? json.sub(
            `(SELECT ${rowObject(json, 'Person', 'pe')} FROM "Person" pe WHERE pe."id" = p."personId")`,
          )
        : 'NULL',
    ],
    [
      'lastContact',
      parts.lastContact
        ? json.sub(
            `(SELECT ${rowObject(json, 'Contact', 'ct')} FROM "Contact" ct WHERE ct."caseId" = p."id" AND ct."voidedAt" IS NULL ORDER BY ct."occurredOn" DESC, ct."recordedAt" DESC, ct."id" DESC LIMIT 1)`,
          )
        : 'NULL',
    ],
    ['latestAssessment', parts.latestAssessment ? latestAssessment(json, []) : 'NULL'],
    ['latestAssessmentSummary', parts.latestAssessmentSummary ? latestAssessment(json, ['answers']) : 'NULL'],
    [
      'plans',
      parts.plans
        ? json.array(
            json.object([
              ['p', rowObject(json, 'SupportPlan', 'sp')],
              [
                'reviews',
                json.array(
                  rowObject(json, 'SupportPlanReview', 'rv'),
                  `FROM "SupportPlanReview" rv WHERE rv."planId" = sp."id"`,
                  'rv."sequence"',
                ),
              ],
            ]),
            `FROM "SupportPlan" sp WHERE sp."caseId" = p."id"`,
            'sp."createdOn" DESC, sp."createdAt" DESC',
          )
        : 'NULL',
    ],
    [
      'reviewsDue',
      parts.reviewsDue
        ? json.array(
            json.object([
              ['planId', 'sp."id"'],
              ['caseId', 'sp."caseId"'],
              ['reviewDueOn', 'sp."reviewDueOn"'],
              // Kept by every write of a plan as `isPlanClosed` of it.
              ['closed', 'sp."closed"'],
            ]),
            `FROM "SupportPlan" sp WHERE sp."caseId" = p."id"`,
            'sp."createdOn" DESC, sp."createdAt" DESC',
          )
        : 'NULL',
    ],
  ]);
  documents.set(key, document);
  return document;
}

/**
 * How the page finds the agency's cases (the same page either way):
 * - `newestFirst`: walks every case newest first and keeps those the agency may see, stopping after a
 *   page. Fast when the agency sees a good share of the register (the busiest agency's page reads
 *   some 140 cases), slow when it sees few: an agency that sees none reads the whole register, and
 *   that grows with the register.
 * - `agencyCasesFirst`: gathers the ids of the cases the agency leads, supports or has a pending
 *   referral for (each from its index), reads those cases and sorts them: its cost follows how many
 *   cases the agency sees, not the register's size.
 * Measured on 100 000 cases (`caseload:agencies`, packages/bench/README.md): the page of an agency
 * that sees no case 50–59 → 1.0 ms, of those that see 800–1 000 as before (about 9 ms, the walk
 * being short there); the busiest agency's statement (16 000 cases) would take 68 ms the second way
 * against 4.9. `caseloadWayFor` picks one by the number of cases the agency sees.
 */
export type CaseloadWay = 'newestFirst' | 'agencyCasesFirst';

/** Up to how many cases an agency sees its page is read `agencyCasesFirst` (they break even near 1 300–1 500). */
export const AGENCY_CASES_FIRST_UP_TO = 1_000;

/** The ids of the cases `agency` leads, supports, or has a referral pending for (`bind` gives each parameter). */
const agencyCaseIds = (bind: (value: unknown) => string, agency: string) =>
  `SELECT v."id" FROM "Case" v WHERE v."leadAgencyId" = ${bind(agency)} UNION SELECT s."caseId" FROM "CaseSupportingAgency" s WHERE s."agencyId" = ${bind(agency)} UNION SELECT r."caseId" FROM "Referral" r WHERE r."toAgencyId" = ${bind(agency)} AND r."status" = 'sent'`;

/** How many cases the agency sees (its caseload before filters), counted up to `upTo` + 1. */
export async function agencyCaseCount(
  tx: Tx,
  dialect: SqlDialect,
  agency: string,
  upTo: number,
): Promise<number> {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return dialect.param(values.length);
  };
  const sql = `SELECT COUNT(*) AS "n" FROM (SELECT "id" FROM (${agencyCaseIds(bind, agency)}) ids LIMIT ${bind(upTo + 1)}) counted`;
  const [row] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(sql, ...values);
  return Number(row?.n ?? 0);
}

/** How long an agency's way is kept: the number of cases it sees moves slowly, and a stale way only costs time. */
const WAY_KEPT_MS = 60_000;
const ways = new WeakMap<object, Map<string, { readonly way: CaseloadWay; readonly until: number }>>();

/**
 * The way to read `agency`'s caseload pages on this connection (or pool): counted when first asked,
 * then kept for a minute (one small statement per agency a minute, not per page).
 */
export async function caseloadWayFor(
  tx: Tx,
  dialect: SqlDialect,
  agency: string,
  upTo = AGENCY_CASES_FIRST_UP_TO,
): Promise<CaseloadWay> {
  let known = ways.get(tx);
  if (!known) {
    known = new Map();
    ways.set(tx, known);
  }
  const key = `${upTo}:${agency}`;
  const kept = known.get(key);
  if (kept && kept.until > Date.now()) return kept.way;
  const way = (await agencyCaseCount(tx, dialect, agency, upTo)) <= upTo ? 'agencyCasesFirst' : 'newestFirst';
  known.set(key, { way, until: Date.now() + WAY_KEPT_MS });
  return way;
}

/*
 * The page size and the stage and status asked are written into the statement, not bound. Bound,
 * they left PostgreSQL's generic plan estimating a tenth of the register, of any status, far above
 * each page's own plan, so a prepared statement was planned anew on every page (EXPLAIN: planning
 * 0.6 ms, executing 2.3 ms); written in, the generic plan is chosen after five pages and planning
 * takes 0.03 ms. They come from closed sets (page sizes up to the maximum, stage and status codes),
 * so the statement's texts stay few; ids and dates stay bound.
 */

/*
 * On PostgreSQL the page's `case.list` audit entries are written by the statement that reads it (a
 * data-modifying WITH; the core's `CaseloadAudit`): they commit before the page is handed back, and
 * the page costs one round trip instead of a read and an INSERT one after the other. Which sections an
 * entry lists is the core's answer for the case's relation to the agency as read in the same snapshot:
 * lead, supporting, or the sections its pending referrals share (an index into the answers by bits).
 * The statement returns what it wrote; the core writes an entry again should that list less than it
 * reported. SQLite keeps the audit writer: a read there must not take the write lock.
 */

/**
 * A PostgreSQL text[] literal of section lists (each comma-joined, as `AuditEntry.sections` holds
 * them); kept per list of lists, which the core keeps per agency, role and parts.
 */
const sectionListsLiterals = new WeakMap<readonly (readonly CaseSection[])[], string>();
function sectionListsLiteral(lists: readonly (readonly CaseSection[])[]): string {
  let literal = sectionListsLiterals.get(lists);
  if (literal === undefined) {
    literal = `'{${lists.map((l) => `"${l.join(',')}"`).join(',')}}'::text[]`;
    sectionListsLiterals.set(lists, literal);
  }
  return literal;
}

/** A section list as a literal: the codes of `CaseSection` only. */
const sectionListLiteral = (list: readonly CaseSection[]): string => `'${list.join(',')}'`;

/** Each section's bit in the index into `CaseloadAudit.byShared`, from a JSON array of sections. */
const sharedBit = `CASE x ${ALL_CASE_SECTIONS.map((s, i) => `WHEN '${s}' THEN ${1 << i}`).join(' ')} ELSE 0 END`;

/** The `logged` step of the page's statement: the entries of the page's cases (`p`), RETURNING what it wrote. */
function auditedPageSql(
  bind: (value: unknown) => string,
  agency: string,
  first: number,
  audit: CaseloadAudit,
): string {
  const e = audit.entry;
  const shared = `(SELECT COALESCE(bit_or(${sharedBit}), 0) FROM "Referral" r CROSS JOIN jsonb_array_elements_text(r."sharedSections") x WHERE r."caseId" = n."id" AND r."toAgencyId" = ${bind(agency)} AND r."status" = 'sent')`;
  const sections = `CASE WHEN n."leadAgencyId" = ${bind(agency)} THEN ${sectionListLiteral(audit.lead)} WHEN EXISTS (SELECT 1 FROM "CaseSupportingAgency" s WHERE s."caseId" = n."id" AND s."agencyId" = ${bind(agency)}) THEN ${sectionListLiteral(audit.supporting)} ELSE (${sectionListsLiteral(audit.byShared)})[1 + ${shared}] END`;
  const values = [
    `(string_to_array(${bind(audit.ids.slice(0, first).join(','))}, ','))[n."rn"]`,
    `${bind(e.at.toISOString())}::timestamp`,
    bind(e.staffId),
    bind(e.agencyId),
    bind(e.role),
    bind(e.operation),
    bind(e.entity),
    'n."id"',
    'n."id"',
    sections,
    bind(e.outcome),
  ];
  const numbered = `SELECT p."id", p."leadAgencyId", row_number() OVER (ORDER BY p."createdAt" DESC, p."id" DESC) AS "rn" FROM p`;
  return `logged AS (INSERT INTO "AuditEntry" ("id", "at", "actorStaffId", "actorAgencyId", "actorRole", "operation", "entity", "entityId", "caseId", "sections", "outcome") SELECT ${values.join(', ')} FROM (${numbered}) n WHERE n."rn" <= ${String(Math.trunc(first))} RETURNING "entityId", "sections")`;
}

/** A code of a closed set (a stage, a status) written in as a literal; any other text is bound. */
const codeIn = (bind: (value: unknown) => string, code: string): string =>
  /^[A-Za-z]+$/.test(code) ? `'${code}'` : bind(code);

export async function caseloadPageSql(
  run: RawQuery,
  dialect: SqlDialect,
  query: CaseListQuery,
  parts: CaseloadPageParts,
  way: CaseloadWay = 'newestFirst',
  audit?: CaseloadAudit,
): Promise<CaseloadPageRows> {
  const json = jsonSql[dialect.provider];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    // Bound once per use: SQLite's placeholders are positional.
    values.push(value);
    return dialect.param(values.length);
  };
  const f = query.filter;
  const agency = query.visibleToAgencyId;
  const supports = (a: string) =>
    `(c."leadAgencyId" = ${bind(a)} OR EXISTS (SELECT 1 FROM "CaseSupportingAgency" s WHERE s."caseId" = c."id" AND s."agencyId" = ${bind(a)}))`;
  // Bound first: the agency's cases come first in the statement's text either way.
  const agencyCases = way === 'agencyCasesFirst' ? agencyCaseIds(bind, agency) : null;
  const where = agencyCases
    ? []
    : [
        `(${supports(agency)} OR EXISTS (SELECT 1 FROM "Referral" r WHERE r."caseId" = c."id" AND r."toAgencyId" = ${bind(agency)} AND r."status" = 'sent'))`,
      ];
  if (f.stage !== undefined) where.push(`c."stage" = ${codeIn(bind, f.stage)}`);
  if (f.status !== undefined) where.push(`c."status" = ${codeIn(bind, f.status)}`);
  if (f.leadAgencyId !== undefined) where.push(`c."leadAgencyId" = ${bind(f.leadAgencyId)}`);
  if (f.agencyId !== undefined) where.push(supports(f.agencyId));
  if (f.municipalityCode !== undefined) where.push(`c."municipalityCode" = ${bind(f.municipalityCode)}`);
  if (f.personReached !== undefined)
    where.push(
      `${f.personReached ? '' : 'NOT '}EXISTS (SELECT 1 FROM "Contact" x WHERE x."caseId" = c."id" AND x."personContact" = 'reached' AND x."voidedAt" IS NULL)`,
    );
  if (f.referralPending !== undefined)
    where.push(
      `${f.referralPending ? '' : 'NOT '}EXISTS (SELECT 1 FROM "Referral" x WHERE x."caseId" = c."id" AND x."status" = 'sent')`,
    );
  if (f.reviewOverdueOn !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM "SupportPlan" x WHERE x."caseId" = c."id" AND x."closed" = ${dialect.provider === 'sqlite' ? '0' : 'false'} AND x."reviewDueOn" < ${bind(f.reviewOverdueOn)})`,
    );
  const cursor = query.page.after ? decodeCursor(query.page.after) : null;
  if (cursor) {
    const at = () => json.instant(bind(boundInstant(dialect, cursor.at)));
    where.push(`(c."createdAt" < ${at()} OR (c."createdAt" = ${at()} AND c."id" < ${bind(cursor.id)}))`);
  }
  // A whole number (the core's page request schema): written in, see `codeIn`.
  const limit = String(Math.trunc(query.page.first) + 1);

  const document = caseDocument(dialect.provider, parts);
  const order = `ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ${limit}`;
  const cases = !agencyCases
    ? `SELECT c.* FROM "Case" c WHERE ${where.join(' AND ')} ${order}`
    : dialect.provider === 'postgresql'
      ? // One lookup by id per case of the agency: joined as a set, PostgreSQL would rather read every
        // case and hash them (OFFSET 0 keeps the lateral subquery from being merged into a join).
        `SELECT c.* FROM (${agencyCases}) ids CROSS JOIN LATERAL (SELECT c.* FROM "Case" c WHERE ${['c."id" = ids."id"', ...where].join(' AND ')} OFFSET 0) c ${order}`
      : `SELECT c.* FROM "Case" c WHERE ${[`c."id" IN (${agencyCases})`, ...where].join(' AND ')} ${order}`;
  // The whole page as ONE JSON text (one row, one column): the driver and Prisma's raw-query path
  // then convert one value instead of a row per case.
  const logs = dialect.provider === 'postgresql' && audit && audit.ids.length >= query.page.first;
  const sql = logs
    ? `WITH p AS (${cases}), ${auditedPageSql(bind, agency, query.page.first, audit)} SELECT COALESCE((SELECT json_agg(${document} ORDER BY p."createdAt" DESC, p."id" DESC) FROM p), '[]'::json)::text AS "page", (SELECT json_agg(json_build_array(l."entityId", l."sections")) FROM logged l)::text AS "audited"`
    : dialect.provider === 'postgresql'
      ? `SELECT COALESCE(json_agg(${document} ORDER BY p."createdAt" DESC, p."id" DESC), '[]'::json)::text AS "page" FROM (${cases}) p`
      : `SELECT json_group_array(json(d)) AS "page" FROM (SELECT ${document} AS d FROM (${cases}) p ORDER BY p."createdAt" DESC, p."id" DESC)`;

  const [answer] = await run<{ page: string; audited?: string | null }>(sql, values);
  const found = revive<CaseloadRow[]>(JSON.parse(answer?.page ?? '[]'));
  const pageRows = found.slice(0, query.page.first);
  const audited = logs
    ? (JSON.parse(answer?.audited ?? '[]') as [string, string][]).map(([caseId, sections]) => ({
        caseId,
        sections: sections === '' ? [] : (sections.split(',') as CaseSection[]),
      }))
    : undefined;
  const records = pageRows.map((r) =>
    rows.caseFromRow(withChildren(r.case, 'supportingAgencies', r.supporting)),
  );
  const cursors = records.map((c) => encodeCursor(c.createdAt, c.id));
  const persons = new Map<string, ReturnType<typeof rows.personFromRow>>();
  for (const r of pageRows)
    if (r.person)
      persons.set(
        r.case.personId,
        rows.personFromRow(withChildren(r.person.p as Row.Person, 'household', r.person.household as never)),
      );
  const summaries = new Map<string, ReturnType<typeof rows.personSummaryFromRow>>();
  for (const r of pageRows)
    if (r.personSummary) summaries.set(r.case.personId, rows.personSummaryFromRow(r.personSummary));
  return {
    ...(audited ? { audited } : {}),
    page: {
      items: records,
      cursors,
      hasNextPage: found.length > query.page.first,
      endCursor: cursors.at(-1) ?? null,
    },
    openReferrals: pageRows.flatMap((r) =>
      r.referrals.map((x) =>
        rows.referralFromRow(withChildren(x.r as Row.Referral, 'history', x.history as never)),
      ),
    ),
    persons: [...persons.values()],
    personSummaries: [...summaries.values()],
    lastContacts: pageRows.flatMap((r) =>
      r.lastContact ? [rows.contactFromRow(r.lastContact as never)] : [],
    ),
    latestAssessments: pageRows.flatMap((r) =>
      r.latestAssessment ? [rows.assessmentFromRow(r.latestAssessment as never)] : [],
    ),
    latestAssessmentSummaries: pageRows.flatMap((r) =>
      r.latestAssessmentSummary ? [rows.assessmentSummaryFromRow(r.latestAssessmentSummary as never)] : [],
    ),
    plans: pageRows.flatMap((r) =>
      (r.plans ?? []).map((x) =>
        rows.planFromRow(withChildren(x.p as Row.SupportPlan, 'reviews', x.reviews as never)),
      ),
    ),
    reviewsDue: pageRows.flatMap((r) => r.reviewsDue ?? []),
  };
}
