import { GraphQLResponseError, type UserError } from '@hikikomori-register/client';
import { refusalMessage } from '../i18n/messages.ts';

/** Refusals sorted to the fields of a form; the rest are shown above the form. */
export interface FormErrors {
  readonly byField: ReadonlyMap<string, string>;
  readonly general: readonly string[];
}

export const NO_ERRORS: FormErrors = { byField: new Map(), general: [] };

/**
 * Places each refusal next to the field it names: `['input', 'reason']` goes to the form's `reason`
 * field, `['input', 'note', 'text']` to `note` when the form has no `note.text`. Anything else is
 * shown for the whole form.
 */
export function formErrorsOf(userErrors: readonly UserError[], fields: readonly string[]): FormErrors {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const error of userErrors) {
    const path = (error.field ?? []).slice(error.field?.[0] === 'input' ? 1 : 0);
    let target: string | undefined;
    for (let length = path.length; length > 0 && !target; length--) {
      const candidate = path.slice(0, length).join('.');
      if (fields.includes(candidate)) target = candidate;
    }
    const message = refusalMessage(error);
    if (target && !byField.has(target)) byField.set(target, message);
    else if (!target) general.push(message);
  }
  return { byField, general };
}

/**
 * The refusal of a query (a search): the gateway answers with an error whose `extensions` list the
 * issues (dotted field paths); each lands next to its field as a mutation's would.
 */
export function queryErrorsOf(error: unknown, fields: readonly string[]): FormErrors | null {
  if (!(error instanceof GraphQLResponseError)) return null;
  const extensions = error.errors[0]?.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'ERROR';
  const issues = Array.isArray(extensions.issues)
    ? (extensions.issues as { field?: unknown; rule?: unknown }[])
    : [{ field: extensions.field, rule: extensions.rule }];
  return formErrorsOf(
    issues.map((i) => ({
      field: typeof i.field === 'string' && i.field ? i.field.split('.') : null,
      rule: typeof i.rule === 'string' ? i.rule : null,
      // The query's code words the refusal when its rule has no wording of its own.
      code: code as UserError['code'],
      message: '',
    })),
    fields,
  );
}
