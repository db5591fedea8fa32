import { DomainError, ValidationError } from '@hikikomori-register/core';
import { GraphQLError } from 'graphql';

/** The one message for anything the actor may not see or do: existence itself stays private. */
export const NOT_ACCESSIBLE = 'not found or not accessible';

/** An error for a field of a query: FORBIDDEN errors never say more than the generic message. */
export function graphQLErrorOf(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'FORBIDDEN')
    return new GraphQLError(NOT_ACCESSIBLE, { extensions: { code: 'FORBIDDEN' } });
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.field !== undefined) extensions.field = error.field;
  if (error.rule !== undefined) extensions.rule = error.rule;
  if (error instanceof ValidationError) extensions.issues = error.issues;
  return new GraphQLError(error.message, { extensions });
}

/** Runs a read; domain errors become GraphQL errors with a code (unexpected ones are masked by Yoga). */
export async function read<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw graphQLErrorOf(error);
  }
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
