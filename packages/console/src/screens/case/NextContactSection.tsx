import { type FormEvent, useState } from 'react';
import {
  type CaseDetailQuery,
  ClearNextContactDocument,
  PlanNextContactDocument,
  type PlanNextContactInput,
} from '../../api/generated/graphql.ts';
import { call } from '../../api/register.ts';
import { formatDate } from '../../app/dates.ts';
import { FormAlert, SelectField, TextField, useChange } from '../../components/forms.tsx';
import { CHANNEL_OPTIONS, channelLabel } from '../../i18n/labels.ts';

type CaseDetail = NonNullable<CaseDetailQuery['case']>;

/** The API's maximum of a planned contact's note (a short label). */
export const PLANNED_NOTE_MAX = 200;
const FIELDS = ['plannedOn', 'channel', 'note'] as const;

/** The three fields of a planned next contact, shared by its own form and the contact record's. */
export function PlannedContactFields(props: {
  readonly plannedOn: string;
  readonly onPlannedOn: (value: string) => void;
  readonly channel: string;
  readonly onChannel: (value: string) => void;
  readonly note: string;
  readonly onNote: (value: string) => void;
  readonly errors: ReadonlyMap<string, string>;
  /** Prefix of the fields' names in the refusals (`nextContact.` in the contact record). */
  readonly path?: string;
  readonly required?: boolean;
}) {
  const path = props.path ?? '';
  return (
    <>
      <TextField
        label="次回支援予定日"
        type="date"
        value={props.plannedOn}
        onChange={props.onPlannedOn}
        error={props.errors.get(`${path}plannedOn`)}
        required={props.required}
      />
      <SelectField
        label="予定の方法"
        placeholder="未定"
        options={CHANNEL_OPTIONS}
        value={props.channel}
        onChange={props.onChannel}
        error={props.errors.get(`${path}channel`)}
      />
      <TextField
        label="予定のメモ"
        value={props.note}
        onChange={props.onNote}
        maxLength={PLANNED_NOTE_MAX}
        hint="短く（例：母と面談、午前中に訪問）"
        error={props.errors.get(`${path}note`)}
      />
    </>
  );
}

/** The planned contact as a payload field: absent fields left out (the API takes no empty strings). */
export function plannedContactInput(plannedOn: string, channel: string, note: string) {
  return {
    plannedOn,
    ...(channel ? { channel: channel as NonNullable<PlanNextContactInput['channel']> } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

/**
 * 次回支援予定: the agency's next planned contact with the case, changed or cleared here (or with a
 * contact record); earlier plans are kept as history.
 */
export function NextContactSection({
  record,
  onDone,
}: {
  readonly record: CaseDetail;
  readonly onDone: (message: string) => void;
}) {
  const current = record.nextContact;
  const [plannedOn, setPlannedOn] = useState(current?.plannedOn ?? '');
  const [channel, setChannel] = useState<string>(current?.channel ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const plan = useChange(FIELDS, () => onDone('次回支援予定を登録しました。'));
  const clear = useChange([], () => onDone('次回支援予定を取り消しました。'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void plan.submit(
      async () =>
        (
          await call(PlanNextContactDocument, {
            input: { caseId: record.id, ...plannedContactInput(plannedOn, channel, note) },
          })
        ).planNextContact,
    );
  };
  const history = record.plannedContacts ?? [];
  return (
    <>
      <p className="next-contact">
        {current?.plannedOn ? (
          <>
            次回支援予定日：<strong>{formatDate(current.plannedOn)}</strong>
            {current.channel ? `（${channelLabel(current.channel)}）` : ''}
            {current.note ? `　${current.note}` : ''}
          </>
        ) : (
          '次回支援予定はありません。'
        )}
      </p>
      <details>
        <summary>{current?.plannedOn ? '次回支援予定を変更する' : '次回支援予定を登録する'}</summary>
        <form onSubmit={submit} noValidate aria-label="次回支援予定">
          <FormAlert errors={plan.errors} />
          <PlannedContactFields
            plannedOn={plannedOn}
            onPlannedOn={setPlannedOn}
            channel={channel}
            onChannel={setChannel}
            note={note}
            onNote={setNote}
            errors={plan.errors.byField}
            required
          />
          <button type="submit" className="primary" disabled={plan.busy}>
            予定を登録する
          </button>
          {current?.plannedOn ? (
            <button
              type="button"
              disabled={clear.busy}
              onClick={() =>
                void clear.submit(
                  async () =>
                    (await call(ClearNextContactDocument, { input: { caseId: record.id } })).clearNextContact,
                )
              }
            >
              予定を取り消す
            </button>
          ) : null}
          <FormAlert errors={clear.errors} />
        </form>
      </details>
      {history.length > 0 ? (
        <details>
          <summary>これまでの予定（{history.length}件）</summary>
          <table>
            <caption>次回支援予定の履歴（古い順）</caption>
            <thead>
              <tr>
                <th scope="col">登録日時</th>
                <th scope="col">機関</th>
                <th scope="col">予定日</th>
                <th scope="col">方法・メモ</th>
              </tr>
            </thead>
            <tbody>
              {history.map((p) => (
                <tr key={`${p.agency?.id ?? ''}-${p.recordedAt}`}>
                  <th scope="row">
                    {new Date(p.recordedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}
                  </th>
                  <td>{p.agency?.name ?? ''}</td>
                  <td>{p.plannedOn ? formatDate(p.plannedOn) : '（取消）'}</td>
                  <td>{[channelLabel(p.channel), p.note].filter(Boolean).join('：')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </>
  );
}
