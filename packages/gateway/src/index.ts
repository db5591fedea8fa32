/**
 * @hikikomori-register/gateway — the GraphQL gateway over the register.
 * The Prisma-backed register and staff directory live under ./persistence.
 */
export * from './auth/index.ts';
export { printedSchema, schema } from './graphql/index.ts';
export { type DemoRegister, type LoadDemoOptions, loadDemo } from './main/demo.ts';
export { type SandboxOptions, type SandboxRegister, startSandboxRegister } from './main/sandbox.ts';
export {
  type RunningRegisterServer,
  type StartRegisterServerOptions,
  startRegisterServer,
} from './main/server.ts';
export { type Database, DEFAULT_DATABASE_URL, openDatabase } from './persistence/database.ts';
export { createDatabaseRegister } from './persistence/register.ts';
export { PrismaStaffDirectory } from './persistence/staff/prisma-staff-directory.ts';
export * from './server/index.ts';
