import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeTextInput } from './text-input.shared.ts';

describeTextInput(sqliteTestDatabases());
