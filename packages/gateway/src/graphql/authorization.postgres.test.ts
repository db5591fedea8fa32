import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeAuthorizationMatrix } from './authorization.shared.ts';

describeAuthorizationMatrix(postgresTestDatabases());
