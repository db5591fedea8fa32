/**
 * The municipal system's export of consultations (相談記録), one row per contact, as Excel saves it
 * (UTF-8 with or without BOM, CRLF). Rows with the same 受付番号 belong to one person: the first row
 * opens the case, the later ones are further contacts. Parsing only checks shape and vocabulary; the
 * register validates the rest (dates, municipality check digits) and names the field it refuses.
 */
export type Channel =
  | 'PHONE'
  | 'OFFICE_VISIT'
  | 'HOME_VISIT'
  | 'EMAIL'
  | 'SNS'
  | 'ONLINE'
  | 'ACCOMPANIED_VISIT'
  | 'GROUP_ACTIVITY';
export type Relation = 'MOTHER' | 'FATHER' | 'SIBLING' | 'SPOUSE' | 'GRANDPARENT' | 'OTHER_RELATIVE';
export type PersonContactLabel = 'REACHED' | 'ATTEMPTED' | 'NONE';
export type Content =
  | 'RELATIONSHIP_BUILDING'
  | 'VISIT'
  | 'WATCHING_OVER'
  | 'EMPLOYMENT_SUPPORT'
  | 'PLACE_TO_MEET'
  | 'MEDICAL'
  | 'FAMILY_CLASS'
  | 'OTHER';

export interface ConsultationRow {
  /** Line in the file (the header is line 1), for reports. */
  readonly line: number;
  readonly reference: string;
  readonly occurredOn: string;
  readonly channel: Channel;
  /** null: the person themself consulted. */
  readonly consultedBy: Relation | null;
  readonly displayName: string;
  readonly birthYearMonth: string;
  readonly municipalityCode: string;
  readonly personContact: PersonContactLabel;
  readonly contents: readonly Content[];
  readonly durationMinutes: number | null;
}

export interface RowProblem {
  readonly line: number;
  readonly reference: string;
  /** The CSV column, or the register's input field. */
  readonly field: string;
  readonly message: string;
}

const CHANNELS: Record<string, Channel> = {
  電話: 'PHONE',
  来所: 'OFFICE_VISIT',
  訪問: 'HOME_VISIT',
  メール: 'EMAIL',
  'SNS・LINE': 'SNS',
  SNS: 'SNS',
  オンライン: 'ONLINE',
  同行: 'ACCOMPANIED_VISIT',
  グループ活動: 'GROUP_ACTIVITY',
};
const CONSULTED_BY: Record<string, Relation | null> = {
  本人: null,
  母: 'MOTHER',
  父: 'FATHER',
  きょうだい: 'SIBLING',
  配偶者: 'SPOUSE',
  祖父母: 'GRANDPARENT',
  親族: 'OTHER_RELATIVE',
};
const PERSON_CONTACT: Record<string, PersonContactLabel> = {
  接触あり: 'REACHED',
  接触試行: 'ATTEMPTED',
  接触なし: 'NONE',
};
const CONTENTS: Record<string, Content> = {
  '相談（関係づくり）': 'RELATIONSHIP_BUILDING',
  訪問活動: 'VISIT',
  見守り: 'WATCHING_OVER',
  就労支援: 'EMPLOYMENT_SUPPORT',
  交流の場の提供: 'PLACE_TO_MEET',
  医療: 'MEDICAL',
  家族教室: 'FAMILY_CLASS',
  その他: 'OTHER',
};
const HEADER = [
  '受付番号',
  '相談日',
  '経路',
  '相談者',
  '本人氏名',
  '本人生年月',
  '市町村コード',
  '本人対応',
  '相談内容',
  '所要時間(分)',
] as const;

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Every well-formed row, and a problem for each row that is not (that row is then not imported). */
export function parseConsultations(text: string): { rows: ConsultationRow[]; problems: RowProblem[] } {
  const [header, ...records] = csvRecords(text);
  if (!header || HEADER.some((name, i) => header[i]?.trim() !== name))
    throw new Error(`the header must be: ${HEADER.join(',')}`);
  const rows: ConsultationRow[] = [];
  const problems: RowProblem[] = [];
  for (const [index, cells] of records.entries()) {
    const parsed = parseRow(cells, index + 2);
    if ('message' in parsed) problems.push(parsed);
    else rows.push(parsed);
  }
  return { rows, problems };
}

function parseRow(cells: readonly string[], line: number): ConsultationRow | RowProblem {
  const [
    reference = '',
    occurredOn = '',
    channel = '',
    consultedBy = '',
    name = '',
    born = '',
    code = '',
    contact = '',
    contents = '',
    minutes = '',
  ] = cells.map((c) => c.trim());
  const problem = (field: string, message: string): RowProblem => ({ line, reference, field, message });
  if (cells.length !== HEADER.length)
    return problem('(row)', `has ${cells.length} columns, expected ${HEADER.length}`);
  if (!reference) return problem('受付番号', 'is empty');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) return problem('相談日', `"${occurredOn}" is not YYYY-MM-DD`);
  if (!(channel in CHANNELS))
    return problem('経路', `"${channel}" is not one of ${Object.keys(CHANNELS).join(' ')}`);
  if (!(consultedBy in CONSULTED_BY))
    return problem('相談者', `"${consultedBy}" is not one of ${Object.keys(CONSULTED_BY).join(' ')}`);
  if (!name) return problem('本人氏名', 'is empty');
  if (!/^\d{4}-\d{2}$/.test(born)) return problem('本人生年月', `"${born}" is not YYYY-MM`);
  if (!/^\d{6}$/.test(code)) return problem('市町村コード', `"${code}" is not 6 digits`);
  if (!(contact in PERSON_CONTACT))
    return problem('本人対応', `"${contact}" is not one of ${Object.keys(PERSON_CONTACT).join(' ')}`);
  const labels = contents.split('・').map((c) => c.trim());
  const unknown = labels.find((c) => !(c in CONTENTS));
  if (unknown !== undefined)
    return problem('相談内容', `"${unknown}" is not one of ${Object.keys(CONTENTS).join(' ')}`);
  const duration = minutes === '' ? null : Number(minutes);
  if (duration !== null && !(Number.isInteger(duration) && duration >= 0))
    return problem('所要時間(分)', `"${minutes}" is not a whole number of minutes`);
  return {
    line,
    reference,
    occurredOn,
    channel: CHANNELS[channel] as Channel,
    consultedBy: CONSULTED_BY[consultedBy] ?? null,
    displayName: name,
    birthYearMonth: born,
    municipalityCode: code,
    personContact: PERSON_CONTACT[contact] as PersonContactLabel,
    contents: labels.map((c) => CONTENTS[c] as Content),
    durationMinutes: duration,
  };
}
