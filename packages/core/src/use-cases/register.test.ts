import { createInMemoryRegister } from '../in-memory/index.ts';
import { describeRegisterContract } from '../testing/register-contract.ts';

describeRegisterContract('in memory', async (options) => (await createInMemoryRegister(options)).register);
