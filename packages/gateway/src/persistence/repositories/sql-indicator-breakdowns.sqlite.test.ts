import { sqliteTestDatabases } from '../testing/test-databases.ts';
import { describeSqlIndicatorBreakdowns } from './sql-indicator-breakdowns.shared.ts';

describeSqlIndicatorBreakdowns(sqliteTestDatabases());
