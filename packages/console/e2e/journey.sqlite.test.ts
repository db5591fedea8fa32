import { sqliteTestDatabases } from '@hikikomori-register/gateway/testing';
import { describeConsoleJourney } from './journey.shared.ts';

describeConsoleJourney(sqliteTestDatabases());
