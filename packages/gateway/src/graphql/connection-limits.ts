import { MAX_PAGE_SIZE, pageRequestSchema, parseInput } from '@hikikomori-register/core';
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { z } from 'zod';
import { badInput, graphQLErrorOf } from './field-errors.ts';

/** The arguments every connection field takes (Relay). */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Both cursors held to the rule of the core's page request (the `id` text rule). */
const cursorsSchema = z.object({
  after: pageRequestSchema.shape.after,
  before: pageRequestSchema.shape.after,
});

/**
 * The page size and cursor limits of every connection (ページングの上限), whether the core pages the
 * list in the database or the gateway slices a list the core returns whole: `first`/`last` outside
 * 1–`MAX_PAGE_SIZE` are BAD_USER_INPUT, and a cursor breaking the id rule (longer than 200 characters,
 * NUL, unpaired surrogate) is VALIDATION_FAILED naming `after` or `before`, as the core refuses it.
 * An empty cursor means none, as everywhere else.
 */
export function checkConnectionArgs(args: ConnectionArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value === null || value === undefined) continue;
    if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)
      throw badInput(`${name} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (!args.after && !args.before) return;
  try {
    parseInput(cursorsSchema, {
      ...(args.after ? { after: args.after } : {}),
      ...(args.before ? { before: args.before } : {}),
    });
  } catch (error) {
    throw graphQLErrorOf(error);
  }
}

const PLUGIN_NAME = 'connectionLimits' as const;

/** A Relay connection field: it takes the paging arguments. */
const isConnectionField = (config: PothosOutputFieldConfig<SchemaTypes>) =>
  'first' in config.args && 'after' in config.args;

/**
 * Checks the paging arguments of every connection field before its resolver runs, so that no list is
 * read for a page that would be refused, and no connection can leave the check out.
 */
export class ConnectionLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isConnectionField(fieldConfig as PothosOutputFieldConfig<SchemaTypes>)) return resolver;
    return (parent, args, context, info) => {
      checkConnectionArgs(args as ConnectionArgs);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(PLUGIN_NAME, ConnectionLimitsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      connectionLimits: ConnectionLimitsPlugin<Types>;
    }
  }
}

export default PLUGIN_NAME;
