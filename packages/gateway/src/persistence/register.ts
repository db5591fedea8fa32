import { createRegister, type Register, type RegisterOptions } from '@hikikomori-register/core';
import type { AuditWriter } from './audit-writer/audit-writer.ts';
import type { Database } from './database.ts';
import { PrismaUnitOfWork } from './unit-of-work.ts';

/**
 * The same register with reads that do not wait for their audit commit, and the writer whose
 * `committed` an answer must wait for instead (see `heldReadsOf`).
 */
export interface HeldReads {
  readonly register: Register;
  readonly audit: Pick<AuditWriter, 'position' | 'committed'>;
}

const heldReads = new WeakMap<Register, HeldReads>();

/**
 * The held-reads twin of a database register, for a server that holds each answer until the audit
 * entries of its reads are committed (it notes `audit.position()` before the request's reads and waits
 * for `audit.committed` of it before answering): the commit then overlaps the rest of the request's
 * work instead of following the reads. Undefined for any other register.
 */
export const heldReadsOf = (register: Register): HeldReads | undefined => heldReads.get(register);

/** The core's register over a database, with the default checklist installed. */
export async function createDatabaseRegister(
  database: Database,
  options: Omit<RegisterOptions, 'unitOfWork'> = {},
): Promise<Register> {
  const register = createRegister({ ...options, unitOfWork: new PrismaUnitOfWork(database) });
  await register.installDefaultChecklist();
  heldReads.set(register, {
    register: createRegister({
      ...options,
      unitOfWork: new PrismaUnitOfWork(database, { answersHeld: true }),
    }),
    audit: database.audit,
  });
  return register;
}
