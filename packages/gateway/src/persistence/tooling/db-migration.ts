// `pnpm db:migration <name>`: writes prisma/migrations/{sqlite,postgresql}/NNNN_<name>/migration.sql from
// the difference between the last migration's datamodel and prisma/schema.prisma, with the WebAssembly
// schema engine (no database, no download). `pnpm db:migration --check` exits 1 when prisma/schema.prisma
// has changes that no migration covers yet.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pendingSchemaChanges, planMigration, writeMigration } from './migration-files.ts';
import { repoRoot } from './paths.ts';
import { providers } from './providers.ts';
import { readSourceSchema } from './schema-variants.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { check: { type: 'boolean', default: false } },
});

if (values.check) {
  const changes = await pendingSchemaChanges(await readSourceSchema());
  const changed = providers.filter((p) => changes[p] !== null);
  if (changed.length > 0) {
    console.error(
      `prisma/schema.prisma has changes without a migration (${changed.join(', ')}); run pnpm db:migration <name>`,
    );
    process.exitCode = 1;
  } else console.log('the migrations match prisma/schema.prisma');
} else {
  const label = positionals.join('_');
  if (!label) {
    console.error('usage: pnpm db:migration <name>   (or --check)');
    process.exit(2);
  }
  const plan = await planMigration(label);
  if (!plan) console.log('prisma/schema.prisma has no changes since the last migration: nothing written');
  else {
    const files = await writeMigration(plan);
    console.log(`wrote migration ${plan.name}:`);
    for (const f of files) console.log(`  ${relative(repoRoot, f)}`);
  }
}
