import { type FormEvent, useState } from 'react';
import {
  type CaseDetailQuery,
  RecordCaseContactDocument,
  type RecordContactInput,
} from '../../api/generated/graphql.ts';
import { call } from '../../api/register.ts';
import { today } from '../../app/dates.ts';
import {
  ChoiceGroup,
  FormAlert,
  SelectField,
  TextArea,
  TextField,
  useChange,
} from '../../components/forms.tsx';
import {
  CHANNEL_OPTIONS,
  CONTENT_OPTIONS,
  consultingPartyKindLabel,
  NOTE_VISIBILITY_OPTIONS,
  PERSON_CONTACT_OPTIONS,
  relationLabel,
} from '../../i18n/labels.ts';
import { PlannedContactFields, plannedContactInput } from './NextContactSection.tsx';

type CaseDetail = NonNullable<CaseDetailQuery['case']>;

const FIELDS = [
  'occurredOn',
  'channel',
  'consultingParty',
  'personContact',
  'contents',
  'durationMinutes',
  'note',
  'nextContact.plannedOn',
  'nextContact.channel',
  'nextContact.note',
] as const;

const PARTY_KINDS = ['HOUSEHOLD_MEMBER', 'PERSON', 'AGENCY', 'ANONYMOUS'] as const;

/** 相談・支援の記録, with a one-click start for a home visit where the person was not met. */
export function ContactForm({
  record,
  onDone,
}: {
  readonly record: CaseDetail;
  readonly onDone: () => void;
}) {
  const household = record.household ?? [];
  const agencies = [record.leadAgency, ...record.supportingAgencies].filter(
    (a) => a !== null && a !== undefined,
  );
  const [occurredOn, setOccurredOn] = useState(today());
  const [channel, setChannel] = useState('');
  const [partyKind, setPartyKind] = useState<string>(household.length > 0 ? 'HOUSEHOLD_MEMBER' : 'PERSON');
  const [memberId, setMemberId] = useState(household[0]?.id ?? '');
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? '');
  const [personContact, setPersonContact] = useState('');
  const [contents, setContents] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState('NORMAL');
  const [nextOn, setNextOn] = useState('');
  const [nextChannel, setNextChannel] = useState('');
  const [nextNote, setNextNote] = useState('');
  const change = useChange(FIELDS, onDone);

  /** 訪問（会えず）: the worker went to the door; the person did not come out. */
  const homeVisitAttempt = () => {
    setChannel('HOME_VISIT');
    setPersonContact('ATTEMPTED');
    setContents(['VISIT']);
    setPartyKind(household.length > 0 ? 'HOUSEHOLD_MEMBER' : 'ANONYMOUS');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: RecordContactInput = {
      caseId: record.id,
      occurredOn,
      channel: channel as RecordContactInput['channel'],
      personContact: personContact as RecordContactInput['personContact'],
      contents: contents as RecordContactInput['contents'],
      consultingParty: {
        kind: partyKind as RecordContactInput['consultingParty']['kind'],
        ...(partyKind === 'HOUSEHOLD_MEMBER' ? { householdMemberId: memberId } : {}),
        ...(partyKind === 'AGENCY' ? { agencyId } : {}),
      },
      ...(minutes ? { durationMinutes: Number(minutes) } : {}),
      ...(note.trim() ? { note: { text: note, visibility: visibility as 'NORMAL' } } : {}),
      ...(nextOn ? { nextContact: plannedContactInput(nextOn, nextChannel, nextNote) } : {}),
    };
    void change.submit(async () => (await call(RecordCaseContactDocument, { input })).recordContact);
  };
  const error = (field: (typeof FIELDS)[number]) => change.errors.byField.get(field);
  return (
    <form onSubmit={submit} noValidate aria-label="相談・支援の記録">
      <p>
        <button type="button" onClick={homeVisitAttempt}>
          訪問したが本人に会えなかった（接触試行）
        </button>
      </p>
      <FormAlert errors={change.errors} />
      <TextField
        label="日付"
        type="date"
        value={occurredOn}
        onChange={setOccurredOn}
        error={error('occurredOn')}
        required
      />
      <SelectField
        label="方法"
        placeholder="選んでください"
        options={CHANNEL_OPTIONS}
        value={channel}
        onChange={setChannel}
        error={error('channel')}
        required
      />
      <ChoiceGroup
        kind="radio"
        label="相談者"
        options={PARTY_KINDS.filter((k) => k !== 'HOUSEHOLD_MEMBER' || household.length > 0).map((k) => ({
          value: k,
          label: consultingPartyKindLabel(k),
        }))}
        selected={[partyKind]}
        onChange={([k]) => setPartyKind(k ?? 'PERSON')}
        error={error('consultingParty')}
        required
      />
      {partyKind === 'HOUSEHOLD_MEMBER' ? (
        <SelectField
          label="世帯員"
          options={household.map((m) => ({
            value: m.id,
            label: `${relationLabel(m.relation)}${m.displayName ? `（${m.displayName}）` : ''}`,
          }))}
          value={memberId}
          onChange={setMemberId}
        />
      ) : null}
      {partyKind === 'AGENCY' ? (
        <SelectField
          label="関係機関"
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          value={agencyId}
          onChange={setAgencyId}
        />
      ) : null}
      <ChoiceGroup
        kind="radio"
        label="本人との接触"
        options={PERSON_CONTACT_OPTIONS}
        selected={personContact ? [personContact] : []}
        onChange={([v]) => setPersonContact(v ?? '')}
        error={error('personContact')}
        required
      />
      <ChoiceGroup
        kind="checkbox"
        label="支援内容"
        options={CONTENT_OPTIONS}
        selected={contents}
        onChange={setContents}
        error={error('contents')}
        required
      />
      <TextField
        label="所要時間（分）"
        type="number"
        value={minutes}
        onChange={setMinutes}
        error={error('durationMinutes')}
      />
      <TextArea label="記録メモ" value={note} onChange={setNote} error={error('note')} />
      <SelectField
        label="メモの開示制限"
        options={NOTE_VISIBILITY_OPTIONS}
        value={visibility}
        onChange={setVisibility}
      />
      <fieldset className="field">
        <legend>次回支援予定（任意）</legend>
        <PlannedContactFields
          plannedOn={nextOn}
          onPlannedOn={setNextOn}
          channel={nextChannel}
          onChannel={setNextChannel}
          note={nextNote}
          onNote={setNextNote}
          errors={change.errors.byField}
          path="nextContact."
        />
      </fieldset>
      <button type="submit" className="primary" disabled={change.busy}>
        記録する
      </button>
    </form>
  );
}
