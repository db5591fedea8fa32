import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeSqlIndicators } from './sql-indicators.shared.ts';

describeSqlIndicators(sqliteTestDatabases());
