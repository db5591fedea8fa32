import { type FormEvent, useState } from 'react';
import {
  MergePersonsDocument,
  type PersonRowFragment,
  PersonSearchDocument,
} from '../../api/generated/graphql.ts';
import { call } from '../../api/register.ts';
import { ChoiceGroup, FormAlert, TextArea, TextField, useChange } from '../../components/forms.tsx';
import { birthOf, PERSON_FIELD_MAX } from '../../components/person.ts';
import { errorMessage } from '../../i18n/messages.ts';

const FIELDS = ['keepPersonId', 'mergePersonId', 'reason'] as const;

/**
 * 利用者の統合 (名寄せ; supervisors and agency admins): the same person registered twice. From this
 * person, find the other record, choose which record is kept, give the reason, and confirm; the other
 * record's cases and household move to the kept one.
 */
export function MergeSection({
  person,
  onDone,
}: {
  readonly person: PersonRowFragment;
  readonly onDone: (message: string) => void;
}) {
  const [query, setQuery] = useState(person.kana ?? person.displayName);
  const [found, setFound] = useState<readonly PersonRowFragment[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [otherId, setOtherId] = useState('');
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState<ReadonlyMap<string, string>>(new Map());
  const change = useChange(FIELDS, () => onDone('利用者の記録を統合しました。'));

  const search = async () => {
    setSearchError(null);
    const q = query.trim();
    if (!q) {
      setSearchError('氏名またはふりがなを入力してください');
      return;
    }
    try {
      // The reading is the usual key of a double registration; the name is tried when it finds none.
      const byKana = await call(PersonSearchDocument, { search: { kana: q }, first: 20 });
      const page =
        byKana.persons.totalCount > 0
          ? byKana
          : await call(PersonSearchDocument, { search: { name: q }, first: 20 });
      setFound(page.persons.edges.map((e) => e.node).filter((p) => p.id !== person.id));
    } catch (error) {
      setSearchError(errorMessage(error));
    }
  };
  const other = found?.find((p) => p.id === otherId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = new Map<string, string>();
    if (!other) problems.set('mergePersonId', '統合する相手の記録を選んでください');
    if (!reason.trim()) problems.set('reason', '統合の理由を入力してください');
    if (!confirmed) problems.set('confirm', '内容を確認したら、チェックを入れてください');
    setMissing(problems);
    if (problems.size > 0 || !other) return;
    const [kept, merged] = keep === 'this' ? [person, other] : [other, person];
    void change.submit(
      async () =>
        (
          await call(MergePersonsDocument, {
            input: { keepPersonId: kept.id, mergePersonId: merged.id, reason: reason.trim() },
          })
        ).mergePersons,
    );
  };
  const error = (field: string) => missing.get(field) ?? change.errors.byField.get(field);
  const label = (p: PersonRowFragment) =>
    `${p.displayName}${p.kana ? `（${p.kana}）` : ''} ／ ${birthOf(p)} ／ 市町村コード ${p.municipalityCode}`;
  return (
    <form onSubmit={submit} noValidate aria-label="利用者の統合">
      <p>
        同じ方が二重に登録されているときに、二つの記録を一つにまとめます。統合すると、統合される記録のケースと世帯は残す記録に移ります。
      </p>
      <FormAlert errors={change.errors} />
      <TextField
        label="統合する相手を探す（ふりがなまたは氏名）"
        type="search"
        value={query}
        onChange={setQuery}
        maxLength={PERSON_FIELD_MAX.name}
        error={searchError ?? undefined}
      />
      <p>
        <button type="button" onClick={() => void search()}>
          探す
        </button>
      </p>
      {found ? (
        found.length === 0 ? (
          <p role="status">ほかに該当する記録はありません。</p>
        ) : (
          <ChoiceGroup
            kind="radio"
            label="統合する相手の記録"
            options={found.map((p) => ({ value: p.id, label: label(p) }))}
            selected={otherId ? [otherId] : []}
            onChange={([id]) => setOtherId(id ?? '')}
            error={error('mergePersonId')}
            required
          />
        )
      ) : null}
      {other ? (
        <ChoiceGroup
          kind="radio"
          label="残す記録"
          options={[
            { value: 'this', label: `この記録（${label(person)}）` },
            { value: 'other', label: `相手の記録（${label(other)}）` },
          ]}
          selected={[keep]}
          onChange={([v]) => setKeep(v === 'other' ? 'other' : 'this')}
          error={change.errors.byField.get('keepPersonId')}
          required
        />
      ) : null}
      <TextArea
        label="統合の理由"
        value={reason}
        onChange={setReason}
        maxLength={PERSON_FIELD_MAX.reason}
        error={error('reason')}
        required
      />
      <ChoiceGroup
        kind="checkbox"
        label="確認"
        options={[{ value: 'yes', label: '同じ方の記録であることを確認しました' }]}
        selected={confirmed ? ['yes'] : []}
        onChange={(v) => setConfirmed(v.includes('yes'))}
        error={missing.get('confirm')}
        required
      />
      <button type="submit" className="primary" disabled={change.busy}>
        統合する
      </button>
    </form>
  );
}
