import { postgresTestDatabases } from '@hikikomori-register/gateway/testing';
import { describeConsoleJourney } from './journey.shared.ts';

describeConsoleJourney(postgresTestDatabases());
