import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeRetentionCli } from './retention-cli.shared.ts';

describeRetentionCli(postgresTestDatabases());
