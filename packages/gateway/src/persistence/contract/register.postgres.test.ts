import { postgresTestDatabases } from '../testing/test-databases.ts';
import { describeRegisterOnDatabase } from './register.shared.ts';

describeRegisterOnDatabase(postgresTestDatabases());
