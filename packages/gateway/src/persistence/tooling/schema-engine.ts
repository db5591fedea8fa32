import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { Provider } from './providers.ts';

// Prisma's native schema engine is a download, which these machines cannot make; its WebAssembly build
// ships on npm. Its package entry imports the .wasm as an ES module, which Node refuses, so it is
// instantiated by hand here, once per process.
let loaded: Promise<void> | undefined;

// The compiler options carry no DOM lib, and @types/node declares WebAssembly only partly; these are
// the few members used here.
interface WasmInstance {
  readonly exports: Record<string, unknown> & { __wbindgen_start?: () => void };
}
interface WasmRuntime {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: WasmInstance }>;
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const js = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(js.replace(/\.js$/, '.wasm'));
    const { instance } = await wasmRuntime.instantiate(bytes, {
      './schema_engine_bg.js': bg as unknown as Record<string, unknown>,
    });
    const exports = instance.exports;
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
  })();
  return loaded;
}

/** A datamodel to diff from or to: `null` is the empty database. */
export type DatamodelSource = string | null;

/** Raised when the engine reaches for a database, which an offline diff must never need. */
export class OfflineEngineError extends Error {
  override name = 'OfflineEngineError';
}

/**
 * The PostgreSQL engine asks the server, once, whether the schema exists and which version it runs,
 * then diffs in memory. This adapter answers that probe without a server (as PostgreSQL 15, the oldest
 * version we support), so generating migrations needs no database; any other query is refused.
 */
function offlinePostgres(): SqlMigrationAwareDriverAdapterFactory {
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/version\(\)/.test(query.sql) && /pg_namespace/.test(query.sql)) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, 'PostgreSQL 15.0 (offline diff)', 150000]],
        };
      }
      throw new OfflineEngineError(`the offline schema engine tried to query a database: ${query.sql}`);
    },
    async executeRaw(query: SqlQuery): Promise<number> {
      throw new OfflineEngineError(`the offline schema engine tried to write to a database: ${query.sql}`);
    },
    async executeScript(): Promise<void> {
      throw new OfflineEngineError('the offline schema engine tried to run a script');
    },
    async startTransaction(): Promise<never> {
      throw new OfflineEngineError('the offline schema engine tried to open a transaction');
    },
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    async dispose(): Promise<void> {},
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

function adapterFactory(provider: Provider): SqlMigrationAwareDriverAdapterFactory {
  // SQLite: an in-memory database costs nothing and is never written by a diff.
  return provider === 'sqlite' ? new PrismaBetterSqlite3({ url: ':memory:' }) : offlinePostgres();
}

const emptyMigrationMarker = '-- This is an empty migration.';

/**
 * The SQL that turns a database of the `from` datamodel into one of the `to` datamodel, or `null` if
 * there is nothing to do. Both are full schema texts for `provider` (generator/datasource included).
 */
export async function diffDatamodels(
  provider: Provider,
  from: DatamodelSource,
  to: DatamodelSource,
): Promise<string | null> {
  await loadWasm();
  const target = (content: DatamodelSource): bg.DiffTarget =>
    content === null
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] };
  const datamodels: [string, string][] = to === null ? [] : [['schema.prisma', to]];
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory(provider)),
  );
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: false,
      filters: { externalTables: [], externalEnums: [] },
    });
    return normalise(provider, result.stdout ?? '');
  } finally {
    engine.free();
  }
}

function normalise(provider: Provider, sql: string): string | null {
  let out = sql;
  if (provider === 'postgresql') {
    // The engine targets the adapter's schema ("public"); our runner chooses the schema with
    // search_path instead, so the statement that would create "public" is dropped.
    out = out.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n*/g, '');
  }
  out = out.trim();
  if (out === '' || out === emptyMigrationMarker) return null;
  return `${out}\n`;
}
