import { type FormEvent, useState } from 'react';
import {
  type CaseDetailQuery,
  type ChangeFamilyStageInput,
  type ChangeStageInput,
  MoveFamilyStageDocument,
  MoveStageDocument,
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
  FAMILY_REGRESSION_REASON_OPTIONS,
  familyStageLabel,
  REGRESSION_REASON_OPTIONS,
  stageLabel,
} from '../../i18n/labels.ts';

type CaseDetail = NonNullable<CaseDetailQuery['case']>;
const FIELDS = ['to', 'reason', 'note', 'effectiveOn', 'expectedVersion'] as const;

const moveWording = (label: string, direction: string) =>
  direction === 'BACK' ? `${label}へ戻る` : direction === 'INITIAL' ? `${label}から始める` : `${label}へ進む`;

/**
 * 支援段階の変更 (the person's track) or 家族支援の段階の変更 (`track="family"`): only the moves the
 * register offers for the case now; a step back asks for its reason.
 */
export function StageForm({
  record,
  track,
  onDone,
}: {
  readonly record: CaseDetail;
  readonly track: 'person' | 'family';
  readonly onDone: () => void;
}) {
  const options = track === 'person' ? record.moveOptions.stage : record.moveOptions.familyStage;
  const label = track === 'person' ? stageLabel : familyStageLabel;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(today());
  const change = useChange(FIELDS, onDone);
  const chosen = options.find((o) => o.to === to);
  if (options.length === 0) return <p>今の状態では変更できる段階はありません。</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      caseId: record.id,
      expectedVersion: record.version,
      effectiveOn,
      ...(note.trim() ? { note } : {}),
    };
    void change.submit(async () =>
      track === 'person'
        ? (
            await call(MoveStageDocument, {
              input: {
                ...common,
                to: to as ChangeStageInput['to'],
                ...(chosen?.reasonRequired
                  ? { reason: (reason || undefined) as ChangeStageInput['reason'] }
                  : {}),
              },
            })
          ).changeStage
        : (
            await call(MoveFamilyStageDocument, {
              input: {
                ...common,
                to: to as ChangeFamilyStageInput['to'],
                ...(chosen?.reasonRequired
                  ? { reason: (reason || undefined) as ChangeFamilyStageInput['reason'] }
                  : {}),
              },
            })
          ).changeFamilyStage,
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={track === 'person' ? '支援段階の変更' : '家族支援の段階の変更'}
    >
      <FormAlert errors={change.errors} />
      <ChoiceGroup
        kind="radio"
        label="変更先"
        options={options.map((o) => ({ value: o.to, label: moveWording(label(o.to), o.direction) }))}
        selected={to ? [to] : []}
        onChange={([v]) => setTo(v ?? '')}
        error={change.errors.byField.get('to')}
        required
      />
      {chosen?.reasonRequired ? (
        <SelectField
          label="戻る理由"
          placeholder="選んでください"
          options={track === 'person' ? REGRESSION_REASON_OPTIONS : FAMILY_REGRESSION_REASON_OPTIONS}
          value={reason}
          onChange={setReason}
          error={change.errors.byField.get('reason')}
          required
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
