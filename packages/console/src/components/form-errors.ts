import type { UserError } from '@hikikomori-register/client';
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
