/**
 * @hikikomori-register/gateway — the GraphQL gateway over the register.
 * The Prisma-backed register and staff directory live under ./persistence.
 */
export * from './auth/index.ts';
export { printedSchema, schema } from './graphql/index.ts';
export * from './server/index.ts';
