import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

describeKillDurability(sqliteTestDatabases());
