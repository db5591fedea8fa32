import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeGlobalIds } from './global-ids.shared.ts';

describeGlobalIds(postgresTestDatabases());
