export type { GraphQLContext } from './context.ts';
export { createLoaders, type Loaders } from './loaders.ts';
export { printedSchema, schema } from './schema.ts';
