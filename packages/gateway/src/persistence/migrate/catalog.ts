import type Database from 'better-sqlite3';
import type { ClientBase } from 'pg';
import { migrationsTable } from './driver.ts';

/**
 * A provider-neutral description of a database's tables, columns, indexes and constraints, sorted, so
 * two databases built by different routes (migration history versus one fresh diff) compare with `===`.
 * Column order is left out: ALTER TABLE appends columns, which is not a difference that matters.
 */
export interface CatalogDump {
  readonly tables: readonly string[];
  readonly columns: readonly string[];
  readonly indexes: readonly string[];
  readonly constraints: readonly string[];
}

function sorted(lines: string[]): string[] {
  return [...lines].sort();
}

export function sqliteCatalog(db: Database.Database): CatalogDump {
  const tables = (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`,
      )
      .all(migrationsTable) as { name: string }[]
  ).map((r) => r.name);
  const columns: string[] = [];
  const indexes: string[] = [];
  const constraints: string[] = [];
  for (const table of tables) {
    const cols = db.prepare('SELECT * FROM pragma_table_xinfo(?)').all(table) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    for (const c of cols)
      columns.push(
        `${table}.${c.name} ${c.type} ${c.notnull ? 'NOT NULL' : 'NULL'} default=${c.dflt_value} pk=${c.pk}`,
      );
    const idx = db.prepare('SELECT * FROM pragma_index_list(?)').all(table) as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[];
    for (const i of idx) {
      const keys = (
        db.prepare('SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(i.name) as {
          name: string | null;
          desc: number;
          coll: string;
        }[]
      ).map((k) => `${k.name}${k.desc ? ' DESC' : ''} ${k.coll}`);
      // Indexes SQLite creates for PRIMARY KEY/UNIQUE are named sqlite_autoindex_<table>_<n>, where n
      // depends on the order of declaration: name them by their columns instead.
      const name = i.name.startsWith('sqlite_autoindex_') ? `(auto ${i.origin})` : i.name;
      indexes.push(`${table} ${name} unique=${i.unique} partial=${i.partial} (${keys.join(', ')})`);
    }
    const fks = db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    const byId = new Map<number, typeof fks>();
    for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    for (const group of byId.values()) {
      const first = group[0] as (typeof fks)[number];
      constraints.push(
        `${table} FOREIGN KEY (${group.map((g) => g.from).join(', ')}) REFERENCES ${first.table} (${group
          .map((g) => g.to)
          .join(', ')}) ON DELETE ${first.on_delete} ON UPDATE ${first.on_update}`,
      );
    }
  }
  return { tables, columns: sorted(columns), indexes: sorted(indexes), constraints: sorted(constraints) };
}

export async function postgresCatalog(client: ClientBase, schema: string): Promise<CatalogDump> {
  const tables = (
    await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> $2 ORDER BY table_name`,
      [schema, migrationsTable],
    )
  ).rows.map((r) => r.table_name);
  const columns = (
    await client.query<Record<string, string | null>>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
              character_maximum_length::text AS len, datetime_precision::text AS prec
       FROM information_schema.columns WHERE table_schema = $1 AND table_name <> $2`,
      [schema, migrationsTable],
    )
  ).rows.map(
    (c) =>
      `${c.table_name}.${c.column_name} ${c.data_type}/${c.udt_name}(${c.len ?? ''},${c.prec ?? ''}) ${
        c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'
      } default=${c.column_default}`,
  );
  const indexes = (
    await client.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> $2`,
      [schema, migrationsTable],
    )
  ).rows.map(
    (i) =>
      `${i.tablename} ${i.indexname} ${i.indexdef.split(`"${schema}".`).join('').split(`${schema}.`).join('')}`,
  );
  const constraints = (
    await client.query<{ table: string; conname: string; contype: string; def: string }>(
      `SELECT rel.relname AS table, con.conname, con.contype, pg_get_constraintdef(con.oid) AS def
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       WHERE ns.nspname = $1 AND rel.relname <> $2`,
      [schema, migrationsTable],
    )
  ).rows.map(
    (c) =>
      `${c.table} ${c.conname} ${c.contype} ${c.def.split(`"${schema}".`).join('').split(`${schema}.`).join('')}`,
  );
  return { tables, columns: sorted(columns), indexes: sorted(indexes), constraints: sorted(constraints) };
}
