import { MutationRefusedError, type UserError } from './errors.ts';

/**
 * What a mutation gives back: the changed records, or the gateway's refusals. A refusal is an
 * expected outcome (a stale version, a rule of the register), so it is a value to branch on, not an
 * exception.
 */
export type MutationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly userErrors: readonly UserError[] };

/** The value of an accepted mutation; throws `MutationRefusedError` with the refusals otherwise. */
export function unwrap<T>(result: MutationResult<T>): T {
  if (result.ok) return result.value;
  throw new MutationRefusedError(result.userErrors);
}
