import type { AuditEntry } from '@hikikomori-register/core';
import type pg from 'pg';
import { auditDocument, auditInsertSql } from '../repositories/prisma-repositories.ts';
import { postgresDialect } from '../repositories/sql-dialect.ts';

/**
 * The PostgreSQL audit writer's own connection: each batch of read audit entries (group commit, see
 * `groupCommitAuditWriter`) is one INSERT sent on it, with nothing else in the way.
 * - Not the register's pool: under load, a batch would otherwise wait for a pooled connection behind
 *   the pages being read, and every answer in the batch waits for that batch.
 * - Straight through `pg`, as the migrations are: Prisma's raw-query path took about 0.5 ms to put the
 *   INSERT on the wire, and at one request at a time every read's answer waits for that too.
 *
 * A connection that broke (a restarted server, a firewall that dropped it while idle) is replaced, and
 * the batch is sent once more on the new one, leaving out entries already there: a commit that
 * succeeded just before the connection broke is not written twice.
 */
export interface PostgresAuditConnection {
  commit(entries: readonly AuditEntry[]): Promise<void>;
  close(): Promise<void>;
}

/** `onQuery` sees each statement sent, as the register's `onQuery` sees Prisma's (statement counts). */
export function postgresAuditConnection(
  Client: typeof pg.Client,
  config: pg.ClientConfig,
  onQuery?: (sql: string) => void,
): PostgresAuditConnection {
  const insert = { name: 'hkr_audit_append', text: auditInsertSql(postgresDialect) };
  const insertMissing = {
    name: 'hkr_audit_append_missing',
    text: auditInsertSql(postgresDialect, { skipExisting: true }),
  };
  let current: Promise<pg.Client> | null = null;
  let closed = false;

  const connect = (): Promise<pg.Client> => {
    if (current) return current;
    const client = new Client(config);
    const opened = client.connect().then(() => client);
    current = opened;
    // An idle connection that breaks reports here; without a listener the process would exit.
    client.on('error', () => forget(opened));
    client.on('end', () => forget(opened));
    // A refused connection is not kept: the next batch tries again.
    opened.catch(() => forget(opened));
    return opened;
  };
  const forget = (connection: Promise<pg.Client>) => {
    if (current !== connection) return;
    current = null;
    void connection.then((client) => client.end()).catch(() => {});
  };
  const send = async (statement: { name: string; text: string }, document: string) => {
    const connection = connect();
    onQuery?.(statement.text);
    try {
      await (await connection).query({ ...statement, values: [document] });
    } catch (error) {
      forget(connection);
      throw error;
    }
  };

  return {
    async commit(entries) {
      if (entries.length === 0) return;
      if (closed) throw new Error('the audit connection is closed');
      const document = auditDocument(postgresDialect, entries);
      try {
        await send(insert, document);
      } catch {
        await send(insertMissing, document);
      }
    },
    async close() {
      closed = true;
      const connection = current;
      current = null;
      if (connection) await connection.then((client) => client.end()).catch(() => {});
    },
  };
}
