import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditEntry } from '@hikikomori-register/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { parseDatabaseUrl, postgresClientConfig } from '../migrate/index.ts';
import { postgresTestBaseUrl, postgresTestDatabases } from '../testing/test-databases.ts';
import { AuditWriteError } from './audit-writer.ts';
import { type PostgresAuditConnection, postgresAuditConnection } from './postgres-audit-connection.ts';

const databases = postgresTestDatabases();

const entry = (caseId: string): AuditEntry => ({
  id: randomUUID(),
  at: new Date('2026-04-01T00:00:00Z'),
  staffId: 'staff-1',
  agencyId: 'agency-1',
  role: 'staff',
  operation: 'case.list',
  entity: 'case',
  entityId: caseId,
  caseId,
  sections: ['person', 'contacts'],
  outcome: 'allowed',
});

describe('the PostgreSQL audit writer’s own connection', () => {
  let database: Database;
  let schema: string;
  let admin: pg.Client;
  // Each connection under test is found among the server's by a name of its own.
  const applicationName = `hkr-audit-test-${randomBytes(4).toString('hex')}`;
  let connection: PostgresAuditConnection;
  const sent: string[] = [];

  beforeAll(async () => {
    const url = await databases.create();
    database = await openDatabase(url);
    const target = parseDatabaseUrl(url);
    schema = target.schema ?? 'public';
    connection = postgresAuditConnection(
      pg.Client,
      {
        ...postgresClientConfig(target.location),
        application_name: applicationName,
        options: `-c search_path="${schema}"`,
      },
      (sql) => sent.push(sql),
    );
    admin = new pg.Client(postgresClientConfig(postgresTestBaseUrl));
    await admin.connect();
  });
  afterAll(async () => {
    await connection?.close();
    await admin?.end();
    await database?.close();
    await databases.dropAll();
  });

  const stored = async (ids: readonly string[]) =>
    (
      await admin.query<{ id: string; sections: string }>(
        `SELECT "id", "sections" FROM "${schema}"."AuditEntry" WHERE "id" = ANY($1) ORDER BY "id"`,
        [ids],
      )
    ).rows;
  const backends = async () =>
    (
      await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ])
    ).rows.map((r) => r.pid);

  it('commits a batch in one INSERT, sections and all', async () => {
    const batch = [entry('case-1'), entry('case-2')];
    sent.length = 0;
    await connection.commit(batch);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^INSERT INTO "AuditEntry"/);
    expect(await stored(batch.map((e) => e.id))).toEqual(
      batch.map((e) => ({ id: e.id, sections: 'person,contacts' })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await backends()).toHaveLength(1);
  });

  it('replaces a connection the server dropped, and commits the next batch on the new one', async () => {
    const [before] = await backends();
    await admin.query('SELECT pg_terminate_backend($1)', [before]);
    const batch = [entry('case-3')];
    await connection.commit(batch);
    expect(await stored([batch[0]?.id ?? ''])).toHaveLength(1);
    const after = await backends();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it('sends a batch again without the entries already committed, so none is written twice', async () => {
    const batch = [entry('case-4'), entry('case-5')];
    // The first entry was committed, and the connection broke before its answer came: the whole
    // batch is sent again.
    await connection.commit(batch.slice(0, 1));
    const [pid] = await backends();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await connection.commit(batch);
    expect((await stored(batch.map((e) => e.id))).map((r) => r.id).sort()).toEqual(
      batch.map((e) => e.id).sort(),
    );
  });

  it('fails when the entries cannot be written, and writes again once they can', async () => {
    await admin.query(`ALTER TABLE "${schema}"."AuditEntry" RENAME TO "AuditEntryAway"`);
    const refused = [entry('case-6')];
    try {
      await expect(connection.commit(refused)).rejects.toThrow(/AuditEntry/);
    } finally {
      await admin.query(`ALTER TABLE "${schema}"."AuditEntryAway" RENAME TO "AuditEntry"`);
    }
    expect(await stored([refused[0]?.id ?? ''])).toHaveLength(0);
    const later = [entry('case-7')];
    await connection.commit(later);
    expect(await stored([later[0]?.id ?? ''])).toHaveLength(1);
  });

  it('is the database’s audit writer: a read’s entries are refused while they cannot be committed', async () => {
    const answered = [entry('case-8')];
    await database.audit.append(answered);
    expect(await stored([answered[0]?.id ?? ''])).toHaveLength(1);
    await admin.query(`ALTER TABLE "${schema}"."AuditEntry" RENAME TO "AuditEntryAway"`);
    try {
      await expect(database.audit.append([entry('case-9')])).rejects.toBeInstanceOf(AuditWriteError);
    } finally {
      await admin.query(`ALTER TABLE "${schema}"."AuditEntryAway" RENAME TO "AuditEntry"`);
    }
    const later = [entry('case-10')];
    await database.audit.append(later);
    expect(await stored([later[0]?.id ?? ''])).toHaveLength(1);
  });

  it('refuses batches once closed', async () => {
    const closing = postgresAuditConnection(pg.Client, {
      ...postgresClientConfig(postgresTestBaseUrl),
      options: `-c search_path="${schema}"`,
    });
    await closing.commit([entry('case-11')]);
    await closing.close();
    await expect(closing.commit([entry('case-12')])).rejects.toThrow(/closed/);
  });
});
