import type { UserError } from '@hikikomori-register/client';
import { type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../i18n/messages.ts';
import { type FormErrors, formErrorsOf, NO_ERRORS } from './form-errors.ts';

export type { FormErrors };

/**
 * Runs a change: the refusals it answers land in `errors`; an exception (network, session) becomes
 * a general error. `onDone` runs after an accepted change.
 */
export function useChange<T extends { readonly userErrors: readonly UserError[] }>(
  fields: readonly string[],
  onDone: (payload: T) => void,
) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const submit = async (run: () => Promise<T>) => {
    setBusy(true);
    try {
      const payload = await run();
      if (payload.userErrors.length > 0) setErrors(formErrorsOf(payload.userErrors, fields));
      else {
        setErrors(NO_ERRORS);
        onDone(payload);
      }
    } catch (error) {
      setErrors({ byField: new Map(), general: [errorMessage(error)] });
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, submit, setErrors };
}

/** The whole-form refusals, announced to screen readers. */
export function FormAlert({ errors }: { readonly errors: FormErrors }) {
  if (errors.general.length === 0 && errors.byField.size === 0) return null;
  return (
    <div className="alert" role="alert">
      {errors.general.length > 0 ? (
        <ul>
          {errors.general.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : (
        <p>入力内容を確認してください。</p>
      )}
    </div>
  );
}

interface FieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly required?: boolean;
}

function FieldFrame({
  id,
  label,
  error,
  hint,
  required,
  children,
}: FieldProps & { readonly id: string; readonly children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required">（必須）</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function described(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly type?: 'text' | 'date' | 'month' | 'number' | 'password' | 'search';
    readonly autoComplete?: string;
    readonly name?: string;
    /** The API's maximum for the field (`max-length.ts` in the gateway). */
    readonly maxLength?: number;
    readonly placeholder?: string;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function TextArea(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly maxLength?: number;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <textarea
        id={id}
        value={props.value}
        rows={3}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly options: readonly Option[];
    /** Shown first with the empty value (e.g. 「選んでください」 or 「すべて」). */
    readonly placeholder?: string;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <select
        id={id}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of choices (radio: one; checkbox: several) in a fieldset with a legend. */
export function ChoiceGroup(
  props: FieldProps & {
    readonly kind: 'radio' | 'checkbox';
    readonly options: readonly Option[];
    readonly selected: readonly string[];
    readonly onChange: (selected: string[]) => void;
  },
) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    props.onChange(
      props.kind === 'radio'
        ? [value]
        : on
          ? [...props.selected, value]
          : props.selected.filter((v) => v !== value),
    );
  return (
    <fieldset
      className={`field choices${props.error ? ' field--invalid' : ''}`}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend>
        {props.label}
        {props.required ? <span className="required">（必須）</span> : null}
      </legend>
      {props.options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type={props.kind}
            name={id}
            value={o.value}
            checked={props.selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          {o.label}
        </label>
      ))}
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function Checkbox(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  return (
    <label className="choice">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

/** A polite announcement after a change ("記録しました"), read out by screen readers. */
export function Notice({ message }: { readonly message: string | null }) {
  return (
    <p className="notice" role="status" aria-live="polite">
      {message ?? ''}
    </p>
  );
}

/** The end of every stage or status change: when it takes effect, a note, and the button. */
export function ChangeFooter(props: {
  readonly effectiveOn: string;
  readonly onEffectiveOn: (value: string) => void;
  readonly note: string;
  readonly onNote: (value: string) => void;
  readonly errors: FormErrors;
  readonly busy: boolean;
}) {
  return (
    <>
      <TextField
        label="変更日"
        type="date"
        value={props.effectiveOn}
        onChange={props.onEffectiveOn}
        error={props.errors.byField.get('effectiveOn')}
        required
      />
      <TextArea
        label="メモ"
        value={props.note}
        onChange={props.onNote}
        error={props.errors.byField.get('note')}
      />
      <button type="submit" className="primary" disabled={props.busy}>
        変更する
      </button>
    </>
  );
}
