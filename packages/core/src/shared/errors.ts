import type { z } from 'zod';

/**
 * Every rule the domain enforces fails with a `DomainError`: a stable `code` for programs, the `field`
 * that broke the rule (a dotted path into the input, when there is one), the `rule` in a few words,
 * and a human message. The gateway maps these to `userErrors { field message code }` one to one.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'ILLEGAL_TRANSITION'
  | 'PRECONDITION_FAILED'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'FORBIDDEN'
  | 'NO_LEGAL_BASIS'
  | 'POSSIBLE_DUPLICATE';

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `household.0.birthYear`. Empty string for the whole input. */
  readonly field: string;
  /** Machine-readable rule, e.g. `too_small`, `invalid_format`, `municipality_check_digit`. */
  readonly rule: string;
  readonly message: string;
}

/** Input that does not satisfy a schema. Lists every issue; `field`/`rule` name the first. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  constructor(readonly issues: readonly ValidationIssue[]) {
    const first = issues[0] ?? { field: '', rule: 'invalid', message: 'invalid input' };
    super(
      'VALIDATION_FAILED',
      issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
      first.field,
      first.rule,
    );
  }
}

/** A move that the state machine does not allow from the current state (stage, status, referral). */
export class IllegalTransitionError extends DomainError {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly to: string,
    detail?: string,
  ) {
    super(
      'ILLEGAL_TRANSITION',
      `${machine}: cannot move from ${from} to ${to}${detail ? ` (${detail})` : ''}`,
      undefined,
      `${machine}_transition`,
    );
  }
}

/** A legal move whose precondition is not met (e.g. individual stage without direct contact on record). */
export class PreconditionError extends DomainError {
  override readonly name = 'PreconditionError';
  constructor(rule: string, message: string, field?: string) {
    super('PRECONDITION_FAILED', message, field, rule);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
    field?: string,
  ) {
    super('NOT_FOUND', `${entity} ${id} not found`, field, 'exists');
  }
}

/** Optimistic concurrency: the record changed since the caller read it. Never a silent overwrite. */
export class VersionConflictError extends DomainError {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expectedVersion: number,
    /** null when the change was seen in the record's history rather than in its version. */
    readonly actualVersion: number | null,
  ) {
    super(
      'VERSION_CONFLICT',
      actualVersion === null
        ? `${entity} ${id} was changed by someone else while it was being read (version ${expectedVersion}); reload and retry`
        : `${entity} ${id} was changed by someone else (expected version ${expectedVersion}, found ${actualVersion}); reload and retry`,
      'expectedVersion',
      'version_matches',
    );
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  constructor(rule: string, message = 'not allowed') {
    super('FORBIDDEN', message, undefined, rule);
  }
}

/**
 * A disclosure or referral without consent or 支援会議 membership valid at its date. `rule` says which
 * condition failed (e.g. `consent_not_withdrawn`, `recipient_is_member`, `legal_basis_required`).
 */
export class NoLegalBasisError extends DomainError {
  override readonly name = 'NoLegalBasisError';
  constructor(message: string, field = 'legalBasis', rule = 'valid_legal_basis') {
    super('NO_LEGAL_BASIS', message, field, rule);
  }
}

export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    rule:
      issue.code === 'custom'
        ? String((issue as { params?: { rule?: string } }).params?.rule ?? 'custom')
        : issue.code,
    message: issue.message,
  }));
}

/**
 * Parse untrusted input with a schema that core exports. Returns the parsed (typed, normalised) value
 * or throws a `ValidationError` naming each field and rule.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error));
  return result.data;
}
