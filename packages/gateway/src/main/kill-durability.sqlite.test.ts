import Sqlite from 'better-sqlite3';
import { journalPathOf } from '../persistence/audit-writer/sqlite-audit-journal.ts';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

describeKillDurability(sqliteTestDatabases(), async (databaseUrl) => {
  // The audit journal's write lock, as a second process holding it would. Reads on the read path
  // still run (they never take it); the service's commit of their entries waits for its busy timeout,
  // then fails them. (`node(id)` reads its case and commits its entry in one transaction of the
  // register: no window between the two to hold open.)
  const journal = new Sqlite(journalPathOf(databaseUrl.replace(/^file:/, '')));
  journal.exec('BEGIN IMMEDIATE');
  return {
    operations: ['case.list'],
    async waitingReads(observed, timeoutMs) {
      // Seen from outside as reads failed (503) for want of their audit: made, never answered.
      const deadline = Date.now() + timeoutMs;
      while (observed.withheld === 0) {
        if (Date.now() > deadline) throw new Error('no read was withheld for want of its audit');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async release() {
      journal.exec('ROLLBACK');
      journal.close();
    },
  };
});
