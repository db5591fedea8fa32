import { createRegister, type RegisterOptions } from '../use-cases/register.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

/** A complete register in memory, with the default checklist installed: for embedding, examples and tests. */
export async function createInMemoryRegister(options: Omit<RegisterOptions, 'unitOfWork'> = {}) {
  const unitOfWork = new InMemoryUnitOfWork();
  const register = createRegister({ ...options, unitOfWork });
  await register.installDefaultChecklist();
  return { register, unitOfWork };
}
