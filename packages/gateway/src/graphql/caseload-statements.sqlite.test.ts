import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeCaseloadStatements } from './caseload-statements.shared.ts';

describeCaseloadStatements(sqliteTestDatabases());
