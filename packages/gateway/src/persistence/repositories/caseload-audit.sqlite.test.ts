import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeCaseloadAudit } from './caseload-audit.shared.ts';

describeCaseloadAudit(sqliteTestDatabases());
