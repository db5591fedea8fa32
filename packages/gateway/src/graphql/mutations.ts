import { DomainError } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { UserError, type UserErrorShape, userErrorsOf } from './errors.ts';

export interface Payload<T> {
  readonly result: T | null;
  readonly userErrors: readonly UserErrorShape[];
}

interface PayloadField<T> {
  // biome-ignore lint/suspicious/noExplicitAny: any output type ref of the builder
  readonly type: any;
  readonly pick: (result: T) => unknown;
  readonly description?: string;
}

/**
 * `<Name>Payload { <result fields>, userErrors: [UserError!]! }`. Result fields are null exactly when
 * the change was refused; `userErrors` then says why.
 */
export function payloadType<T>(name: string, description: string, fields: Record<string, PayloadField<T>>) {
  return builder.objectRef<Payload<T>>(name).implement({
    description,
    fields: (t) => ({
      ...Object.fromEntries(
        Object.entries(fields).map(([key, f]) => [
          key,
          t.field({
            type: f.type as never,
            nullable: true,
            description: f.description,
            resolve: (p) => (p.result === null ? null : f.pick(p.result)) as never,
          }),
        ]),
      ),
      userErrors: t.field({ type: [UserError], resolve: (p) => [...p.userErrors] }),
    }),
  });
}

/**
 * Runs a change: domain errors become user errors, anything else is unexpected (masked by Yoga).
 * `refusal` adds what a payload tells beside its user errors (e.g. the candidates of a duplicate).
 */
export async function mutate<T>(
  ctx: GraphQLContext,
  change: () => Promise<T>,
  refusal?: (error: DomainError) => object,
): Promise<Payload<T>> {
  try {
    const result = await change();
    ctx.loaders.clearAll();
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError)
      return { result: null, userErrors: userErrorsOf(error), ...refusal?.(error) };
    throw error;
  }
}

/** Drops keys whose value is null or undefined: GraphQL's "not given" for the core's optional fields. */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
