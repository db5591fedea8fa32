import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeWorklistGraphQL } from './worklist.shared.ts';

describeWorklistGraphQL(postgresTestDatabases());
