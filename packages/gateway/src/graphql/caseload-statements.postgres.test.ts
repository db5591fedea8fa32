import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeCaseloadStatements } from './caseload-statements.shared.ts';

describeCaseloadStatements(postgresTestDatabases());
