import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PersonSearchDocument, type PersonSearchInput } from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { useQuery } from '../app/use-query.ts';
import { queryErrorsOf } from '../components/form-errors.ts';
import { FormAlert, TextField } from '../components/forms.tsx';
import { birthOf, PERSON_FIELD_MAX } from '../components/person.ts';
import { sexLabel } from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';

const PAGE_SIZE = 20;
const FIELDS = ['name', 'kana', 'birthYearMonth', 'municipalityCode'] as const;
type Field = (typeof FIELDS)[number];

/** The search lives in the address, so the back button returns to the same results. */
function searchOf(params: URLSearchParams): PersonSearchInput | null {
  const search: PersonSearchInput = {};
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (value) search[field] = value;
  }
  return Object.keys(search).length > 0 ? search : null;
}

/**
 * 利用者検索: persons on the cases the agency leads or supports, by part of the name or reading, birth
 * year-month and municipality; each result leads to the person's cases.
 */
export function PersonSearchScreen() {
  const [params, setParams] = useSearchParams();
  const search = searchOf(params);
  const [draft, setDraft] = useState<Record<Field, string>>(() => ({
    name: params.get('name') ?? '',
    kana: params.get('kana') ?? '',
    birthYearMonth: params.get('birthYearMonth') ?? '',
    municipalityCode: params.get('municipalityCode') ?? '',
  }));
  const [missing, setMissing] = useState(false);
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1) ?? null;
  const results = useQuery(
    () => (search ? call(PersonSearchDocument, { search, first: PAGE_SIZE, after }) : Promise.resolve(null)),
    JSON.stringify([search, after]),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const field of FIELDS) if (draft[field].trim()) next.set(field, draft[field].trim());
    // At least one criterion: the register is never listed whole.
    setMissing(next.size === 0);
    if (next.size === 0) return;
    setCursors([]);
    setParams(next);
  };
  const errors = queryErrorsOf(results.error, FIELDS);
  const fieldError = (field: Field) => errors?.byField.get(field);
  const set = (field: Field) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const page = results.data?.persons;
  return (
    <>
      <h1>利用者検索</h1>
      <p>
        当機関が主担当または協力機関として関わるケースの利用者を探します。氏名・ふりがなは一部だけでも、ひらがな・カタカナのどちらでも探せます。
      </p>
      <form className="filters" onSubmit={submit} noValidate aria-label="利用者の検索条件">
        {missing ? (
          <div className="alert" role="alert">
            氏名・ふりがな・生年月・市町村コードのいずれかを入力してください
          </div>
        ) : errors ? (
          <FormAlert errors={errors} />
        ) : results.error ? (
          <div className="alert" role="alert">
            {errorMessage(results.error)}
          </div>
        ) : null}
        <TextField
          label="氏名"
          type="search"
          value={draft.name}
          onChange={set('name')}
          maxLength={PERSON_FIELD_MAX.name}
          error={fieldError('name')}
        />
        <TextField
          label="ふりがな"
          type="search"
          value={draft.kana}
          onChange={set('kana')}
          maxLength={PERSON_FIELD_MAX.kana}
          error={fieldError('kana')}
        />
        <TextField
          label="生年月"
          type="month"
          value={draft.birthYearMonth}
          onChange={set('birthYearMonth')}
          hint="例：1990-04"
          error={fieldError('birthYearMonth')}
        />
        <TextField
          label="市町村コード"
          value={draft.municipalityCode}
          onChange={set('municipalityCode')}
          maxLength={PERSON_FIELD_MAX.municipalityCode}
          hint="6桁（例：242012）"
          error={fieldError('municipalityCode')}
        />
        <button type="submit" className="primary">
          検索
        </button>
      </form>
      {page ? (
        <>
          <table className="persons">
            <caption>検索結果 該当 {page.totalCount}件</caption>
            <thead>
              <tr>
                <th scope="col">氏名</th>
                <th scope="col">ふりがな</th>
                <th scope="col">生年月日</th>
                <th scope="col">性別</th>
                <th scope="col">市町村コード</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node: p }) => (
                <tr key={p.id}>
                  <th scope="row">
                    {/* The caseload's name search lists the person's cases the agency takes part in. */}
                    <Link to={`/cases?q=${encodeURIComponent(p.kana || p.displayName)}`}>
                      {p.displayName}
                      <span className="visually-hidden">のケース</span>
                    </Link>
                  </th>
                  <td>{p.kana ?? ''}</td>
                  <td>{birthOf(p)}</td>
                  <td>{sexLabel(p.sex)}</td>
                  <td>{p.municipalityCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.edges.length === 0 ? <p>該当する利用者はいません。</p> : null}
          <p className="pager">
            {cursors.length > 0 ? (
              <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
                前へ
              </button>
            ) : null}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
              <button
                type="button"
                onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor as string])}
              >
                次へ
              </button>
            ) : null}
          </p>
        </>
      ) : null}
      <p>
        <Link to="/cases/new">新しい利用者を受け付ける（新規受付）</Link>
      </p>
    </>
  );
}
