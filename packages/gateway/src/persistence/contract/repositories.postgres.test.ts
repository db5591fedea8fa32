import { postgresTestDatabases } from '../testing/test-databases.ts';
import { describeRepositoryContract } from './repositories.shared.ts';

describeRepositoryContract(postgresTestDatabases());
