import { postgresTestDatabases } from '../testing/test-databases.ts';
import { describeCaseloadWays } from './caseload-ways.shared.ts';

describeCaseloadWays(postgresTestDatabases());
