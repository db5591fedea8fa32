import Sqlite from 'better-sqlite3';
import { journalPathOf } from '../persistence/audit-writer/sqlite-audit-journal.ts';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

describeKillDurability(sqliteTestDatabases(), async (databaseUrl) => {
  // The audit journal's write lock, as a second process holding it would.
  const journal = new Sqlite(journalPathOf(databaseUrl.replace(/^file:/, '')));
  journal.exec('BEGIN IMMEDIATE');
  return async () => {
    journal.exec('ROLLBACK');
    journal.close();
  };
});
