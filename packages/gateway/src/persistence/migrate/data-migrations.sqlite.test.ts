import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeDataMigrations } from './data-migrations.shared.ts';

describeDataMigrations(sqliteTestDatabases());
