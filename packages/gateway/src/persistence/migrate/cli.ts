// `pnpm db:migrate [--url <database url>] [--migrations <dir>] [--json]`: applies the pending migrations
// of prisma/migrations/<provider> to the database at DATABASE_URL (default: file:data/register.db).
// PostgreSQL URLs may carry `?schema=<name>`; the schema is created if missing.
import { parseArgs } from 'node:util';
import { cliArgs } from '../../main/cli-args.ts';
import { MigrationError } from './errors.ts';
import { migrateDatabase, parseDatabaseUrl } from './migrate-database.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    url: { type: 'string' },
    migrations: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const url = values.url ?? process.env.DATABASE_URL ?? 'file:data/register.db';
const target = parseDatabaseUrl(url);
const where = target.provider === 'sqlite' ? target.location : `PostgreSQL schema "${target.schema}"`;

try {
  const report = await migrateDatabase(target, {
    ...(values.migrations ? { migrationsRoot: values.migrations } : {}),
    onApplied: (m, ms) => {
      if (!values.json) console.log(`applied ${m.name} (${ms} ms)`);
    },
  });
  if (values.json) console.log(JSON.stringify(report));
  else if (report.applied.length === 0)
    console.log(`${where}: up to date (${report.alreadyApplied.length} migrations applied before)`);
  else console.log(`${where}: applied ${report.applied.length} migration(s)`);
} catch (e) {
  if (!(e instanceof MigrationError)) throw e;
  console.error(`${e.name}: ${e.message}`);
  process.exitCode = 1;
}
