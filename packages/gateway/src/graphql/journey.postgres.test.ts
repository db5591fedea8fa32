import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeJourney } from './journey.shared.ts';

describeJourney(postgresTestDatabases());
