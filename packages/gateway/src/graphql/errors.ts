import { DomainError, type DomainErrorCode, ValidationError } from '@hikikomori-register/core';
import { builder } from './builder.ts';

// Builder-free, so that the schema builder's own plugins can raise them too.
export { badInput, graphQLErrorOf, NOT_ACCESSIBLE, read } from './field-errors.ts';

import { NOT_ACCESSIBLE } from './field-errors.ts';

export interface UserErrorShape {
  /** Path of the offending input field (e.g. ['input', 'person', 'kana']); null for the whole input. */
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code: DomainErrorCode;
  /** Machine-readable rule, e.g. `municipality_check_digit`. */
  readonly rule: string | null;
}

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why a change was refused; mirrors the core’s DomainError codes.',
  values: {
    VALIDATION_FAILED: { description: 'The input does not satisfy a rule; one error per issue.' },
    VERSION_CONFLICT: { description: 'The record changed since it was read: reload and retry.' },
    ILLEGAL_TRANSITION: { description: 'The state machine does not allow this move from the current state.' },
    PRECONDITION_FAILED: { description: 'A legal move whose precondition is not met.' },
    NO_LEGAL_BASIS: {
      description: 'Sharing without consent or support meeting membership valid on the day.',
    },
    FORBIDDEN: { description: 'Not allowed, or not found: the two are not told apart.' },
    NOT_FOUND: { description: 'A record named in the input does not exist.' },
    POSSIBLE_DUPLICATE: {
      description:
        'The person may be on the register already: see the candidates, then open the case for the existing person or confirm that this is another one.',
    },
  } as const,
});

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A refused change, naming the input field and the rule.',
  fields: (t) => ({
    field: t.stringList({
      nullable: true,
      description: 'Path to the input field, starting at the argument name (`input`).',
      resolve: (e) => (e.field ? [...e.field] : null),
    }),
    message: t.exposeString('message'),
    code: t.field({ type: UserErrorCode, resolve: (e) => e.code }),
    rule: t.exposeString('rule', { nullable: true }),
  }),
});

function path(field: string | undefined, root: string): readonly string[] | null {
  if (field === undefined) return null;
  return field === '' ? [root] : [root, ...field.split('.')];
}

/** Every domain error as user errors: each validation issue separately, forbidden ones generic. */
export function userErrorsOf(error: DomainError, root = 'input'): UserErrorShape[] {
  if (error instanceof ValidationError)
    return error.issues.map((issue) => ({
      field: path(issue.field, root),
      message: issue.message,
      code: 'VALIDATION_FAILED',
      rule: issue.rule,
    }));
  if (error.code === 'FORBIDDEN')
    return [{ field: null, message: NOT_ACCESSIBLE, code: 'FORBIDDEN', rule: null }];
  return [
    { field: path(error.field, root), message: error.message, code: error.code, rule: error.rule ?? null },
  ];
}

export function userError(
  code: DomainErrorCode,
  message: string,
  field?: string,
  rule?: string,
): DomainError {
  return new DomainError(code, message, field, rule);
}
