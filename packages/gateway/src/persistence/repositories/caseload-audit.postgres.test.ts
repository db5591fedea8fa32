import { postgresTestDatabases } from '../testing/test-databases.ts';
import { describeCaseloadAudit } from './caseload-audit.shared.ts';

describeCaseloadAudit(postgresTestDatabases());
