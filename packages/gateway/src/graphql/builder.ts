import SchemaBuilder, { brandWithType } from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import ConnectionLimitsPlugin from './connection-limits.ts';
import type { GraphQLContext } from './context.ts';
import MaxLengthPlugin, { maxText } from './max-length.ts';
import { CalendarDateScalar } from './scalars.ts';

export interface BuilderTypeOptions {
  Context: GraphQLContext;
  /** Every connection says how many items it has over all pages (a count query runs only when asked). */
  Connection: { totalCount: number | (() => Promise<number>) };
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}

/** The builder's full type set (what Pothos' generic helpers take). */
export type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypeOptions>;

/** The one schema builder; every type module adds to it, `schema.ts` builds the schema. */
export const builder = new SchemaBuilder<BuilderTypeOptions>({
  plugins: [RelayPlugin, MaxLengthPlugin, ConnectionLimitsPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Cursors are held to the id rule (core `pageRequestSchema`).
    afterArgOptions: maxText('id'),
    beforeArgOptions: maxText('id'),
  },
});

/*
 * Every node's loader marks what it loads with its type. Pothos marks a loaded node only after the
 * load, while a second field asking for the same id in the same request (`node` and `nodes`, or two
 * aliases) is handed the loading object at once — unmarked, `Node` could not resolve its type.
 */
const defineNode = builder.node.bind(builder);
builder.node = ((ref: { name: string }, options: NodeLoaderOptions, ...rest: unknown[]) => {
  const mark = <T>(value: T): T => {
    // The name, as Pothos marks with the name too (the mark is set once and cannot change).
    brandWithType(value, ref.name as never);
    return value;
  };
  const { loadOne, loadMany } = options;
  return (defineNode as (...args: unknown[]) => unknown)(
    ref,
    {
      ...options,
      ...(loadOne && { loadOne: async (id: unknown, ctx: unknown) => mark(await loadOne(id, ctx)) }),
      ...(loadMany && {
        loadMany: async (ids: unknown, ctx: unknown) => (await loadMany(ids, ctx)).map(mark),
      }),
    },
    ...rest,
  );
}) as unknown as typeof builder.node;

interface NodeLoaderOptions {
  readonly loadOne?: (id: unknown, ctx: unknown) => unknown;
  readonly loadMany?: (ids: unknown, ctx: unknown) => Promise<readonly unknown[]>;
}

builder.addScalarType('Date', CalendarDateScalar);
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);

builder.queryType({ description: 'Reads of the register; every read is access-checked and audited.' });
builder.mutationType({
  description: 'Every change the register allows; each returns a payload with `userErrors`.',
});
