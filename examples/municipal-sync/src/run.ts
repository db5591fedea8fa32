import type { IndicatorReport, RegisterClient } from '@hikikomori-register/client';
import { importConsultations, type SyncReport, summariseIndicators } from './sync.ts';

export interface MunicipalSyncResult {
  readonly sync: SyncReport;
  readonly indicators: IndicatorReport;
  /** The same figures as CSV for Excel (UTF-8 with BOM). */
  readonly indicatorsCsv: string;
}

/** Imports the export, then pulls the half-year's indicators of the own agency and prints both. */
export async function runMunicipalSync(options: {
  readonly client: RegisterClient;
  readonly csvText: string;
  readonly fiscalYear: number;
  readonly half: 'FIRST_HALF' | 'SECOND_HALF';
  readonly print: (line: string) => void;
}): Promise<MunicipalSyncResult> {
  const { client, print } = options;
  const me = await client.me();
  print(`Signed in as ${me.displayName ?? me.staffId} of ${me.agency?.name ?? '(no agency)'}`);

  const sync = await importConsultations(client, options.csvText);
  print(
    `Imported ${sync.imported} rows: ${sync.casesOpened} cases opened, ${sync.contactsRecorded} further contacts recorded.`,
  );
  if (sync.problems.length > 0) {
    print(
      `${sync.problems.length} row(s) not imported — fix them in the source system and import them again:`,
    );
    for (const p of sync.problems) print(`  line ${p.line} (${p.reference}) ${p.field}: ${p.message}`);
  }

  const query = {
    period: { kind: options.half, fiscalYear: options.fiscalYear },
    scope: { kind: 'AGENCY' as const },
    publishing: false,
  };
  const indicators = await client.indicators(query);
  print('');
  for (const line of summariseIndicators(indicators)) print(line);
  const indicatorsCsv = await client.indicatorsCsv(query);
  print(`(CSV for Excel: ${indicatorsCsv.split('\r\n').length - 1} lines, UTF-8 with BOM)`);
  return { sync, indicators, indicatorsCsv };
}
