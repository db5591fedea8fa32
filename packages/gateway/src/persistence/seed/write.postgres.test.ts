import { postgresTestDatabases } from '../testing/test-databases.ts';
import { describeSeedWrite } from './write.shared.ts';

describeSeedWrite(postgresTestDatabases());
