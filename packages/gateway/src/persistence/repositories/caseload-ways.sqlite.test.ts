import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeCaseloadWays } from './caseload-ways.shared.ts';

describeCaseloadWays(sqliteTestDatabases());
