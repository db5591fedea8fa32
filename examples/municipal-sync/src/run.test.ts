import { readFile } from 'node:fs/promises';
import { createRegisterClient } from '@hikikomori-register/client';
import { type SandboxRegister, startSandboxRegister } from '@hikikomori-register/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConsultations } from './consultations-csv.ts';
import { type MunicipalSyncResult, runMunicipalSync } from './run.ts';

let sandbox: SandboxRegister;
let result: MunicipalSyncResult;
const printed: string[] = [];
let csvText: string;

beforeAll(async () => {
  sandbox = await startSandboxRegister();
  csvText = await readFile(new URL('../data/consultations.csv', import.meta.url), 'utf8');
  const client = createRegisterClient({
    url: sandbox.url,
    token: await sandbox.staffToken(sandbox.agency.id),
  });
  result = await runMunicipalSync({
    client,
    csvText,
    fiscalYear: 2025,
    half: 'FIRST_HALF',
    print: (l) => printed.push(l),
  });
});
afterAll(() => sandbox?.close());

describe('municipal-sync: the sample export through the typed client', () => {
  it('imports every good row and reports the malformed one with the field the register names', () => {
    expect(result.sync).toMatchObject({ imported: 10, casesOpened: 5, contactsRecorded: 5 });
    expect(result.sync.problems).toEqual([
      expect.objectContaining({ line: 8, reference: 'A-0004', field: 'input.person.municipalityCode' }),
    ]);
    expect(printed.join('\n')).toContain('line 8 (A-0004) input.person.municipalityCode');
  });

  it('leaves nothing of the refused row in the register', async () => {
    const people = result.sync.caseIds;
    expect([...people.keys()].sort()).toEqual(['A-0001', 'A-0002', 'A-0003', 'A-0005', 'A-0006']);
    const persons = await sandbox.server.database.prisma.person.findMany({ select: { displayName: true } });
    expect(persons.map((p) => p.displayName).sort()).toEqual([
      '架空 一郎',
      '架空 三郎',
      '架空 二郎',
      '架空 五子',
      '架空 六郎',
    ]);
    expect(await sandbox.server.database.prisma.contact.count()).toBe(10);
  });

  it('pulls the first half of 令和7年度 with the figures the imported rows make', () => {
    const r = result.indicators;
    expect(r.periodLabel).toContain('令和7年度');
    expect(r.start).toBe('2025-04-01');
    expect(r.end).toBe('2025-09-30');
    // A-0006 first consulted in October: second half, not counted here.
    expect(r.consultations.newCases.value).toBe(4);
    expect(r.contacts.total.value).toBe(9);
    expect(r.contacts.people.value).toBe(4);
    expect(r.reach.reached.value).toBe(3);
    expect(r.reach.familyOnly.value).toBe(1);
    const byChannel = Object.fromEntries(r.contactsByChannel.map((c) => [c.channel, c.count.value]));
    expect(byChannel).toMatchObject({
      PHONE: 2,
      OFFICE_VISIT: 2,
      HOME_VISIT: 3,
      SNS: 1,
      ONLINE: 1,
      EMAIL: 0,
    });
    expect(result.indicatorsCsv.startsWith('\uFEFF')).toBe(true);
  });

  it('accounts for every line of the file, as a row or as a problem', () => {
    const { rows, problems } = parseConsultations(csvText);
    expect(rows.length + problems.length).toBe(11);
  });
});

describe('parsing the export', () => {
  const header =
    '受付番号,相談日,経路,相談者,本人氏名,本人生年月,市町村コード,本人対応,相談内容,所要時間(分)';

  it('reports a row with an unknown channel or date shape by its column, and keeps the others', () => {
    const text = [
      header,
      'B-1,2025-04-01,伝書鳩,母,架空 七郎,1990-01,242012,接触なし,相談（関係づくり）,10',
      'B-2,2025/04/02,電話,母,架空 八郎,1990-01,242012,接触なし,相談（関係づくり）,10',
      'B-3,2025-04-03,電話,母,"架空 九郎, 仮",1990-01,242012,接触なし,相談（関係づくり）・見守り,',
    ].join('\r\n');
    const { rows, problems } = parseConsultations(text);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, '経路'],
      [3, '相談日'],
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 4,
        displayName: '架空 九郎, 仮',
        contents: ['RELATIONSHIP_BUILDING', 'WATCHING_OVER'],
        durationMinutes: null,
      }),
    ]);
  });

  it('refuses a file whose header is not the export format', () => {
    expect(() => parseConsultations('id,date\r\n1,2025-04-01')).toThrow(/header must be/);
  });
});
