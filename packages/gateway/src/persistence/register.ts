import { createRegister, type Register, type RegisterOptions } from '@hikikomori-register/core';
import type { Database } from './database.ts';
import { PrismaUnitOfWork } from './unit-of-work.ts';

/** The core's register over a database, with the default checklist installed. */
export async function createDatabaseRegister(
  database: Database,
  options: Omit<RegisterOptions, 'unitOfWork'> = {},
): Promise<Register> {
  const register = createRegister({ ...options, unitOfWork: new PrismaUnitOfWork(database) });
  await register.installDefaultChecklist();
  return register;
}
