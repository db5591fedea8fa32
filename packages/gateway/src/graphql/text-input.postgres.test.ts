import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeTextInput } from './text-input.shared.ts';

describeTextInput(postgresTestDatabases());
