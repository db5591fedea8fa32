import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeOnboarding } from './onboarding.shared.ts';

describeOnboarding(sqliteTestDatabases());
