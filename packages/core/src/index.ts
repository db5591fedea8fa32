/**
 * @hikikomori-register/core — the pure domain of the hikikomori support case register.
 * No I/O: every function here runs in memory. Storage is a set of ports (interfaces) implemented by
 * the gateway for SQLite/PostgreSQL and by `createInMemoryRegister` for embedding, examples and tests.
 *
 * One concept per folder; each rule lives in the folder named after it.
 */
export * from './access/index.ts';
export * from './agencies/index.ts';
export * from './areas/index.ts';
export * from './assessments/index.ts';
export * from './case-status/index.ts';
export * from './cases/index.ts';
export * from './conferences/index.ts';
export * from './contacts/index.ts';
export * from './disclosure/index.ts';
export * from './in-memory/index.ts';
export * from './indicators/index.ts';
export * from './intake/index.ts';
export * from './municipality/municipality-code.ts';
export * from './persons/index.ts';
export * from './plans/index.ts';
export * from './ports/index.ts';
export * from './programmes/index.ts';
export * from './referrals/index.ts';
export * from './retention/index.ts';
export * from './shared/index.ts';
export * from './sharing/index.ts';
export * from './stages/index.ts';
export * from './supporters/index.ts';
export * from './use-cases/index.ts';
export * from './worklist/index.ts';
