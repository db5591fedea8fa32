import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeAuthorizationMatrix } from './authorization.shared.ts';

describeAuthorizationMatrix(sqliteTestDatabases());
