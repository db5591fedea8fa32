import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeStaffDirectoryOnDatabase } from './staff-directory.shared.ts';

describeStaffDirectoryOnDatabase(sqliteTestDatabases());
