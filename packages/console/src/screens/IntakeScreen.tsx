import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type DuplicateCandidateRowFragment,
  OpenCaseDocument,
  type OpenCaseInput,
  type OpenCaseMutation,
} from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { today } from '../app/dates.ts';
import { FormAlert, SelectField, TextField, useChange } from '../components/forms.tsx';
import { birthOf, PERSON_FIELD_MAX } from '../components/person.ts';
import { SEX_OPTIONS, sexLabel } from '../i18n/labels.ts';

const FIELDS = [
  'case.openedOn',
  'person.displayName',
  'person.kana',
  'person.birthDate',
  'person.birthYearMonth',
  'person.sex',
  'person.municipalityCode',
  'case.municipalityCode',
] as const;

type Payload = OpenCaseMutation['openCase'];

/**
 * 新規受付: the person and the case. The register first checks for the person among those already
 * registered (重複の疑い): the worker then opens the case for the registered person, or confirms that
 * this is someone else; a match at another agency is outside reach and is asked about or referred.
 */
export function IntakeScreen() {
  const navigate = useNavigate();
  const [openedOn, setOpenedOn] = useState(today());
  const [displayName, setDisplayName] = useState('');
  const [kana, setKana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [birthYearMonth, setBirthYearMonth] = useState('');
  const [sex, setSex] = useState('UNKNOWN');
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [candidates, setCandidates] = useState<readonly DuplicateCandidateRowFragment[] | null>(null);
  const candidatesHeading = useRef<HTMLHeadingElement>(null);
  const change = useChange<Payload>(FIELDS, (payload) => {
    if (payload.case) navigate(`/cases/${payload.case.id}`);
  });

  // The candidates appear below the form: focus moves there so the worker hears and sees them.
  useEffect(() => {
    if (candidates?.length) candidatesHeading.current?.focus();
  }, [candidates]);

  const caseDetails = (): OpenCaseInput['case'] => ({ municipalityCode, openedOn });
  const open = (input: OpenCaseInput) =>
    change.submit(async () => {
      const payload = (await call(OpenCaseDocument, { input })).openCase;
      setCandidates(payload.duplicateCandidates ?? null);
      return payload;
    });
  const newPerson = (confirmNotDuplicate: boolean) =>
    open({
      case: caseDetails(),
      person: {
        displayName,
        municipalityCode,
        sex: sex as NonNullable<OpenCaseInput['person']>['sex'],
        ...(kana.trim() ? { kana } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(!birthDate && birthYearMonth ? { birthYearMonth } : {}),
      },
      ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void newPerson(false);
  };
  const error = (field: (typeof FIELDS)[number]) => change.errors.byField.get(field);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cases">担当ケース一覧</Link> ＞ 新規受付
      </p>
      <h1>新規受付</h1>
      <p>
        受け付ける前に、同じ方がすでに登録されていないかを台帳が確かめます。ふりがなと生年月日（生年月）を入れると確認が確かになります。
      </p>
      <form onSubmit={submit} noValidate aria-label="新規受付">
        <FormAlert errors={change.errors} />
        <TextField
          label="受付日"
          type="date"
          value={openedOn}
          onChange={setOpenedOn}
          error={error('case.openedOn')}
          required
        />
        <fieldset className="field">
          <legend>本人</legend>
          <TextField
            label="氏名"
            value={displayName}
            onChange={setDisplayName}
            maxLength={PERSON_FIELD_MAX.name}
            error={error('person.displayName')}
            required
          />
          <TextField
            label="ふりがな"
            value={kana}
            onChange={setKana}
            maxLength={PERSON_FIELD_MAX.kana}
            error={error('person.kana')}
          />
          <TextField
            label="生年月日"
            type="date"
            value={birthDate}
            onChange={setBirthDate}
            error={error('person.birthDate')}
          />
          <TextField
            label="生年月（生年月日が分からないとき）"
            type="month"
            value={birthYearMonth}
            onChange={setBirthYearMonth}
            hint="例：1990-04"
            error={error('person.birthYearMonth')}
          />
          <SelectField
            label="性別"
            options={SEX_OPTIONS}
            value={sex}
            onChange={setSex}
            error={error('person.sex')}
          />
          <TextField
            label="市町村コード"
            value={municipalityCode}
            onChange={setMunicipalityCode}
            maxLength={PERSON_FIELD_MAX.municipalityCode}
            hint="お住まいの市町村の6桁のコード（例：242012）"
            error={error('person.municipalityCode') ?? error('case.municipalityCode')}
            required
          />
        </fieldset>
        <button type="submit" className="primary" disabled={change.busy}>
          受け付ける
        </button>
      </form>
      {candidates && candidates.length > 0 ? (
        <section aria-labelledby="candidates-title" className="candidates">
          <h2 id="candidates-title" ref={candidatesHeading} tabIndex={-1}>
            すでに登録されている可能性のある方（{candidates.length}件）
          </h2>
          <p>
            同じ方であれば、その方のケースとして受け付けてください。別の方であることを確かめた場合は、そのまま新しく登録できます。
          </p>
          <ul className="candidate-list">
            {candidates.map((c, i) => (
              <li key={c.person?.id ?? `outside-${i}`} className="candidate">
                {c.person && !c.outsideReach ? (
                  <>
                    <p className="candidate-name">
                      {c.person.displayName}
                      {c.person.kana ? `（${c.person.kana}）` : ''} ／ {birthOf(c.person)} ／{' '}
                      {sexLabel(c.person.sex)} ／ 市町村コード {c.person.municipalityCode}
                    </p>
                    <p>一致した項目：{c.reasonsJa.join('、')}</p>
                    <button
                      type="button"
                      disabled={change.busy}
                      onClick={() => void open({ case: caseDetails(), personId: c.person?.id ?? '' })}
                    >
                      {c.person.displayName}さんのケースとして受け付ける
                    </button>
                  </>
                ) : (
                  <>
                    <p className="candidate-name">他の機関の記録（当機関からは閲覧できません）</p>
                    <p>一致した項目：{c.reasonsJa.join('、')}</p>
                    <p className="advice">
                      {c.adviceJa ??
                        '他の機関で支援している方の可能性があります。本人の同意を得て、その機関に問い合わせるか紹介してください。'}
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
          <button type="button" disabled={change.busy} onClick={() => void newPerson(true)}>
            重複ではないことを確認したので、新しい利用者として登録する
          </button>
        </section>
      ) : null}
    </>
  );
}
