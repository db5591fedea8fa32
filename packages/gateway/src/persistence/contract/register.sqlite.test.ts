import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeRegisterOnDatabase } from './register.shared.ts';

describeRegisterOnDatabase(sqliteTestDatabases());
