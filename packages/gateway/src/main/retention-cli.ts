// Pseudonymise closed cases past the retention period (保存期間):
//   DATABASE_URL=… pnpm db:retention [--years 5] [--as-of YYYY-MM-DD] [--dry-run]
// Every person whose cases have all been closed for `--years` (default 5) on `--as-of` (default today,
// Japan time) is pseudonymised: the name becomes 「仮名化済み」, kana and the birth day go, household
// names go, and every free text of the cases is replaced; dates and codes stay for the indicators.
// Each pseudonymised case and person is audited (retention.pseudonymise, role system). `--dry-run`
// only counts. Run it from cron, e.g. monthly.
import { parseArgs } from 'node:util';
import { DEFAULT_RETENTION_YEARS } from '@hikikomori-register/core';
import { DEFAULT_DATABASE_URL, openDatabase } from '../persistence/database.ts';
import { createDatabaseRegister } from '../persistence/register.ts';
import { cliArgs } from './cli-args.ts';
import { reportRefusal } from './cli-refusal.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    years: { type: 'string', default: String(DEFAULT_RETENTION_YEARS) },
    'as-of': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});

const years = Number(values.years);
const database = await openDatabase(values.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
try {
  const register = await createDatabaseRegister(database);
  const report = await register.retention.run({
    years,
    dryRun: values['dry-run'],
    ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
  });
  const what = `${report.persons} persons, ${report.cases} cases closed on or before ${report.cutoff} (${report.years} years before ${report.asOf})`;
  console.log(
    report.dryRun
      ? `dry run: ${what} would be pseudonymised; nothing changed`
      : `pseudonymised ${what}; ${report.textsErased} free texts replaced`,
  );
  console.log(JSON.stringify(report));
} catch (error) {
  reportRefusal(error);
} finally {
  await database.close();
}
