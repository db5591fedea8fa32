import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

// Audit commits are not held on PostgreSQL: the kill lands wherever the load is.
describeKillDurability(postgresTestDatabases(), async () => async () => {});
