import { type FormEvent, useState } from 'react';
import {
  type CaseDetailQuery,
  ChangeCaseStatusDocument,
  type ChangeStatusInput,
} from '../../api/generated/graphql.ts';
import { call } from '../../api/register.ts';
import { today } from '../../app/dates.ts';
import {
  ChangeFooter,
  ChoiceGroup,
  FormAlert,
  SelectField,
  TextField,
  useChange,
} from '../../components/forms.tsx';
import {
  CLOSURE_REASON_OPTIONS,
  PAUSE_REASON_OPTIONS,
  REOPEN_REASON_OPTIONS,
  statusMoveLabel,
} from '../../i18n/labels.ts';

type CaseDetail = NonNullable<CaseDetailQuery['case']>;
const FIELDS = [
  'to',
  'pauseReason',
  'reviewOn',
  'closureReason',
  'reopenReason',
  'note',
  'effectiveOn',
  'expectedVersion',
] as const;

/** 小休止・連絡途絶・終結・再開: the status moves the register offers for the case now. */
export function StatusForm({ record, onDone }: { readonly record: CaseDetail; readonly onDone: () => void }) {
  const options = record.moveOptions.status;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const [note, setNote] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(today());
  const change = useChange(FIELDS, onDone);
  const chosen = options.find((o) => o.to === to);
  if (options.length === 0) return <p>今の状態では変更できません。</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ChangeStatusInput = {
      caseId: record.id,
      expectedVersion: record.version,
      to: to as ChangeStatusInput['to'],
      effectiveOn,
      ...(note.trim() ? { note } : {}),
      ...(chosen?.needs === 'PAUSE'
        ? {
            pauseReason: (reason || undefined) as ChangeStatusInput['pauseReason'],
            ...(reviewOn ? { reviewOn } : {}),
          }
        : {}),
      ...(chosen?.needs === 'CLOSURE'
        ? { closureReason: (reason || undefined) as ChangeStatusInput['closureReason'] }
        : {}),
      ...(chosen?.needs === 'REOPEN'
        ? { reopenReason: (reason || undefined) as ChangeStatusInput['reopenReason'] }
        : {}),
    };
    void change.submit(async () => (await call(ChangeCaseStatusDocument, { input })).changeStatus);
  };
  const reasonField =
    chosen?.needs === 'PAUSE'
      ? 'pauseReason'
      : chosen?.needs === 'CLOSURE'
        ? 'closureReason'
        : 'reopenReason';
  return (
    <form onSubmit={submit} noValidate aria-label="状態の変更">
      <FormAlert errors={change.errors} />
      <ChoiceGroup
        kind="radio"
        label="変更"
        options={options.map((o) => ({ value: o.to, label: statusMoveLabel(o.move) }))}
        selected={to ? [to] : []}
        onChange={([v]) => {
          setTo(v ?? '');
          setReason('');
        }}
        error={change.errors.byField.get('to')}
        required
      />
      {chosen?.needs ? (
        <SelectField
          label={
            chosen.needs === 'PAUSE'
              ? '小休止の理由'
              : chosen.needs === 'CLOSURE'
                ? '終結の理由'
                : '再開の理由'
          }
          placeholder="選んでください"
          options={
            chosen.needs === 'PAUSE'
              ? PAUSE_REASON_OPTIONS
              : chosen.needs === 'CLOSURE'
                ? CLOSURE_REASON_OPTIONS
                : REOPEN_REASON_OPTIONS
          }
          value={reason}
          onChange={setReason}
          error={change.errors.byField.get(reasonField)}
          required
        />
      ) : null}
      {chosen?.needs === 'PAUSE' ? (
        <TextField
          label="見直し予定日"
          type="date"
          value={reviewOn}
          onChange={setReviewOn}
          error={change.errors.byField.get('reviewOn')}
        />
      ) : null}
      <ChangeFooter
        effectiveOn={effectiveOn}
        onEffectiveOn={setEffectiveOn}
        note={note}
        onNote={setNote}
        errors={change.errors}
        busy={change.busy}
      />
    </form>
  );
}
