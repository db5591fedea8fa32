import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

describeKillDurability(postgresTestDatabases());
