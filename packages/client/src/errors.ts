import type { UserErrorFieldsFragment } from './generated/graphql.ts';

/**
 * What can go wrong when calling the gateway, as classes a caller can tell apart with `instanceof`:
 * - `AuthenticationError`: the token is missing, wrong, revoked or expired (HTTP 401) — get a new one;
 * - `NetworkError`: the gateway could not be reached, timed out or failed (5xx) — try again later;
 * - `GraphQLResponseError`: the gateway answered with GraphQL errors (e.g. a case you may not see);
 * - `RequestError`: the gateway refused a plain HTTP request (e.g. a bad CSV parameter) or answered
 *   with something that is not a GraphQL response.
 * Domain refusals of a mutation (a stale version, an invalid municipality code…) are not exceptions:
 * they come back as `userErrors` in the mutation's result.
 */
export class RegisterClientError extends Error {
  override name = 'RegisterClientError';
}

export class AuthenticationError extends RegisterClientError {
  override name = 'AuthenticationError';
  constructor(message = 'the gateway refused the token (missing, wrong, revoked or expired)') {
    super(message);
  }
}

export class NetworkError extends RegisterClientError {
  override name = 'NetworkError';
  /** HTTP status when the gateway answered (5xx); undefined when no answer came. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string } & Readonly<Record<string, unknown>>;
}

export class GraphQLResponseError extends RegisterClientError {
  override name = 'GraphQLResponseError';
  /** The HTTP status of the answer (200 for errors beside partial data, 400 for an invalid operation). */
  readonly status: number;
  readonly errors: readonly GraphQLErrorEntry[];
  /** Whatever data came with the errors (fields that failed are null). */
  readonly data: unknown;
  constructor(errors: readonly GraphQLErrorEntry[], status: number, data?: unknown) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL error');
    this.errors = errors;
    this.status = status;
    this.data = data ?? null;
  }

  /** The `extensions.code` of the first error, e.g. `FORBIDDEN` or `BAD_USER_INPUT`. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export class RequestError extends RegisterClientError {
  override name = 'RequestError';
  readonly status: number;
  /** The gateway's error code when it gave one (e.g. `FORBIDDEN`, `VALIDATION_FAILED`). */
  readonly code: string | undefined;
  /** The offending parameter when the gateway named one. */
  readonly field: string | undefined;
  constructor(message: string, status: number, details: { code?: string; field?: string } = {}) {
    super(message);
    this.status = status;
    this.code = details.code;
    this.field = details.field;
  }
}

/** A refusal of a mutation: `field` is the path into the variables, e.g. `['input', 'person', 'kana']`. */
export type UserError = UserErrorFieldsFragment;

/** Thrown by `unwrap` when a mutation was refused; carries the refusals. */
export class MutationRefusedError extends RegisterClientError {
  override name = 'MutationRefusedError';
  readonly userErrors: readonly UserError[];
  constructor(userErrors: readonly UserError[]) {
    super(
      userErrors.map((e) => (e.field ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ') ||
        'the gateway refused the change',
    );
    this.userErrors = userErrors;
  }
}
