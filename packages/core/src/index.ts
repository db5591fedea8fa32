/**
 * @hikikomori-register/core — the pure domain of the hikikomori support case register.
 * No I/O: every function here runs in memory. Repositories are ports (interfaces) implemented by the
 * gateway for SQLite/PostgreSQL and by `createInMemoryRepositories` for tests and embedding.
 */
export * from './municipality/municipality-code.ts';
export * from './shared/index.ts';
