import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeSeedWrite } from './write.shared.ts';

describeSeedWrite(sqliteTestDatabases());
