import type {
  HouseholdRelation,
  IndicatorReport,
  RegisterClient,
  UserError,
} from '@hikikomori-register/client';
import {
  type ConsultationRow,
  parseConsultations,
  type Relation,
  type RowProblem,
} from './consultations-csv.ts';

export interface SyncReport {
  /** Rows now in the register (first rows opened a case, the others added a contact). */
  readonly imported: number;
  readonly casesOpened: number;
  readonly contactsRecorded: number;
  /** Rows not imported, each with its line, the column or register field, and why. */
  readonly problems: readonly RowProblem[];
  /** 受付番号 → the register's case id, for the municipal system to keep. */
  readonly caseIds: ReadonlyMap<string, string>;
}

interface OpenedFromFile {
  readonly caseId: string;
  /** The register's household member id per relation that consulted. */
  readonly members: ReadonlyMap<Relation, string>;
}

/**
 * Imports the export row by row, in file order. Each row is one mutation, which the register runs in
 * one transaction: a refused row leaves nothing behind, and the import goes on with the next row.
 * Rows of a person whose first row was refused are reported too, not attached elsewhere.
 */
export async function importConsultations(client: RegisterClient, csvText: string): Promise<SyncReport> {
  const { rows, problems: parseProblems } = parseConsultations(csvText);
  const problems: RowProblem[] = [...parseProblems];
  const opened = new Map<string, OpenedFromFile>();
  const refused = new Map<string, number>();
  let casesOpened = 0;
  let contactsRecorded = 0;

  for (const row of rows) {
    const failedAt = refused.get(row.reference);
    if (failedAt !== undefined) {
      problems.push({
        line: row.line,
        reference: row.reference,
        field: '受付番号',
        message: `not imported: the case of this person was refused at line ${failedAt}`,
      });
      continue;
    }
    const known = opened.get(row.reference);
    if (!known) {
      const result = await client.openCase(openCaseInput(row, consultingRelations(rows, row.reference)));
      if (!result.ok) {
        refused.set(row.reference, row.line);
        problems.push(...refusalsOf(row, result.userErrors));
        continue;
      }
      const members = new Map<Relation, string>();
      for (const m of result.value.case?.household ?? []) members.set(m.relation as Relation, m.id);
      const caseId = result.value.case?.id;
      if (!caseId) throw new Error('openCase answered without the case');
      opened.set(row.reference, { caseId, members });
      casesOpened++;
      continue;
    }
    const result = await client.recordContact({
      caseId: known.caseId,
      ...contactOf(row, row.consultedBy ? known.members.get(row.consultedBy) : undefined),
    });
    if (!result.ok) {
      problems.push(...refusalsOf(row, result.userErrors));
      continue;
    }
    contactsRecorded++;
  }

  problems.sort((a, b) => a.line - b.line);
  return {
    imported: casesOpened + contactsRecorded,
    casesOpened,
    contactsRecorded,
    problems,
    caseIds: new Map([...opened].map(([reference, o]) => [reference, o.caseId])),
  };
}

/** The register's refusals of a row, each naming the input field and the rule. */
function refusalsOf(row: ConsultationRow, userErrors: readonly UserError[]): RowProblem[] {
  return userErrors.map((e) => ({
    line: row.line,
    reference: row.reference,
    field: e.field?.join('.') ?? '(record)',
    message: `${e.message} (${e.rule ?? e.code})`,
  }));
}

/** Every relative who consulted about this person anywhere in the file: the household at opening. */
function consultingRelations(rows: readonly ConsultationRow[], reference: string): Relation[] {
  return [
    ...new Set(rows.flatMap((r) => (r.reference === reference && r.consultedBy ? [r.consultedBy] : []))),
  ];
}

function openCaseInput(row: ConsultationRow, relations: readonly Relation[]) {
  return {
    person: {
      displayName: row.displayName,
      birthYearMonth: row.birthYearMonth,
      municipalityCode: row.municipalityCode,
      // The export does not say who lives together; parents are recorded as living with the person,
      // as they are in most consultations, and can be corrected in the register.
      household: relations.map((relation) => ({
        ref: relation,
        relation: relation as HouseholdRelation,
        livesWithPerson: relation === 'MOTHER' || relation === 'FATHER',
      })),
    },
    case: { municipalityCode: row.municipalityCode, openedOn: row.occurredOn },
    firstContact: contactOf(row, row.consultedBy ?? undefined),
  };
}

function contactOf(row: ConsultationRow, householdMemberId: string | undefined) {
  return {
    occurredOn: row.occurredOn,
    channel: row.channel,
    personContact: row.personContact,
    contents: [...row.contents],
    ...(row.durationMinutes === null ? {} : { durationMinutes: row.durationMinutes }),
    consultingParty: householdMemberId
      ? { kind: 'HOUSEHOLD_MEMBER' as const, householdMemberId }
      : { kind: 'PERSON' as const },
  };
}

/** The half-year's main figures as printable lines (suppressed cells show as ＊). */
export function summariseIndicators(report: IndicatorReport): string[] {
  const cell = (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? '＊' : String(c.value));
  return [
    `${report.periodLabel} (${report.start} – ${report.end})`,
    `  new consultations (新規)     ${cell(report.consultations.newCases)}`,
    `  continuing cases (継続)      ${cell(report.consultations.continuingCases)}`,
    `  contacts (延べ件数)          ${cell(report.contacts.total)}`,
    `  people (実人数)              ${cell(report.contacts.people)}`,
    `  person reached (本人接触)    ${cell(report.reach.reached)}`,
    `  family only (家族のみ)       ${cell(report.reach.familyOnly)}`,
    ...report.contactsByChannel
      .filter((c) => c.count.suppressed || (c.count.value ?? 0) > 0)
      .map((c) => `  by channel ${c.channel.padEnd(18)}${cell(c.count)}`),
  ];
}
