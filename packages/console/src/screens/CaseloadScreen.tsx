import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  CaseCountsDocument,
  type CaseFilter,
  CaseListDocument,
  type CaseRowFragment,
} from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { formatDate } from '../app/dates.ts';
import { useSession } from '../app/session.tsx';
import { useQuery } from '../app/use-query.ts';
import { Checkbox, SelectField, TextField } from '../components/forms.tsx';
import {
  CASE_STATE_OPTIONS,
  caseStateLabel,
  channelLabel,
  familyStageLabel,
  personContactLabel,
  STAGE_OPTIONS,
  stageLabel,
} from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';

const PAGE_SIZE = 20;

/** Which count of the CaseCounts query belongs to each status. */
const COUNT_OF = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  CONTACT_LOST: 'contactLost',
  CLOSED: 'closed',
} as const;

/** The list's filters live in the address, so the back button and a bookmark keep them. */
function filterOf(params: URLSearchParams): CaseFilter {
  const filter: CaseFilter = {};
  const q = params.get('q')?.trim();
  if (q) filter.personName = q;
  const stage = params.get('stage');
  if (stage) filter.stage = stage as CaseFilter['stage'];
  const status = params.get('status');
  if (status) filter.status = status as CaseFilter['status'];
  if (params.get('overdue') === '1') filter.reviewOverdue = true;
  if (params.get('pending') === '1') filter.referralPending = true;
  if (params.get('unreached') === '1') filter.personReached = false;
  return filter;
}

/** 担当ケース一覧. */
export function CaseloadScreen() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const filter = filterOf(params);
  const after = cursors.at(-1) ?? null;
  const list = useQuery(
    () => call(CaseListDocument, { first: PAGE_SIZE, after, filter }),
    JSON.stringify([filter, after]),
  );
  const { status: _status, ...withoutStatus } = filter;
  const counts = useQuery(
    () =>
      call(CaseCountsDocument, {
        all: withoutStatus,
        active: { ...withoutStatus, status: 'ACTIVE' },
        paused: { ...withoutStatus, status: 'PAUSED' },
        contactLost: { ...withoutStatus, status: 'CONTACT_LOST' },
        closed: { ...withoutStatus, status: 'CLOSED' },
        reviewOverdue: { ...filter, reviewOverdue: true },
        referralPending: { ...filter, referralPending: true },
      }),
    JSON.stringify(filter),
  );
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setCursors([]);
    setParams(next);
  };
  const [q, setQ] = useState(params.get('q') ?? '');
  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ q: q.trim() || null });
  };
  const page = list.data?.cases;
  const c = counts.data;
  return (
    <>
      <h1>担当ケース一覧</h1>
      {me?.role === 'STAFF' || me?.role === 'SUPERVISOR' ? (
        <p>
          <Link to="/cases/new">新規受付（新しい利用者のケースを開く）</Link>
        </p>
      ) : null}
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        {/* Agency admins read case summaries only, so they do not search by name. */}
        {me?.role === 'AGENCY_ADMIN' ? null : (
          <>
            <TextField label="氏名・ふりがな" type="search" value={q} onChange={setQ} />
            <button type="submit">検索</button>
          </>
        )}
        <SelectField
          label="支援段階"
          placeholder="すべて"
          options={STAGE_OPTIONS}
          value={params.get('stage') ?? ''}
          onChange={(v) => update({ stage: v || null })}
        />
        <SelectField
          label="状態"
          placeholder="すべて"
          options={CASE_STATE_OPTIONS}
          value={params.get('status') ?? ''}
          onChange={(v) => update({ status: v || null })}
        />
        <div className="checks">
          <Checkbox
            label="計画見直しの期限切れ"
            checked={params.get('overdue') === '1'}
            onChange={(on) => update({ overdue: on ? '1' : null })}
          />
          <Checkbox
            label="紹介の回答待ち"
            checked={params.get('pending') === '1'}
            onChange={(on) => update({ pending: on ? '1' : null })}
          />
          <Checkbox
            label="本人と未接触"
            checked={params.get('unreached') === '1'}
            onChange={(on) => update({ unreached: on ? '1' : null })}
          />
        </div>
      </form>

      <section aria-labelledby="counts-title" className="counts">
        <h2 id="counts-title" className="visually-hidden">
          件数
        </h2>
        {c ? (
          <ul>
            <li>
              <button type="button" className="count" onClick={() => update({ status: null })}>
                すべて <strong>{c.all}</strong>件
              </button>
            </li>
            {(Object.keys(COUNT_OF) as (keyof typeof COUNT_OF)[]).map((state) => (
              <li key={state}>
                <button
                  type="button"
                  className="count"
                  aria-pressed={params.get('status') === state}
                  onClick={() => update({ status: state })}
                >
                  {caseStateLabel(state)} <strong>{c[COUNT_OF[state]]}</strong>件
                </button>
              </li>
            ))}
            <li className="count count--warn">
              計画見直しの期限切れ <strong>{c.reviewOverdue}</strong>件
            </li>
            <li className="count">
              紹介の回答待ち <strong>{c.referralPending}</strong>件
            </li>
          </ul>
        ) : null}
      </section>

      {list.error ? (
        <div className="alert" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <table className="cases">
        <caption>
          {page
            ? `該当 ${page.totalCount}件（${cursors.length * PAGE_SIZE + 1}〜${cursors.length * PAGE_SIZE + page.edges.length}件目）`
            : '読み込み中…'}
        </caption>
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">支援段階</th>
            <th scope="col">家族支援</th>
            <th scope="col">状態</th>
            <th scope="col">最終接触</th>
            <th scope="col">計画見直し</th>
            <th scope="col">紹介</th>
          </tr>
        </thead>
        <tbody>
          {page?.edges.map(({ node }) => (
            <CaseRow key={node.id} row={node} />
          ))}
        </tbody>
      </table>
      {page && page.edges.length === 0 ? <p>該当するケースはありません。</p> : null}
      <div className="pager">
        {cursors.length > 0 ? (
          <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
            前の{PAGE_SIZE}件
          </button>
        ) : null}
        {page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
          <button type="button" onClick={() => setCursors([...cursors, page.pageInfo.endCursor as string])}>
            次の{PAGE_SIZE}件
          </button>
        ) : null}
      </div>
    </>
  );
}

function CaseRow({ row }: { readonly row: CaseRowFragment }) {
  const waiting = row.openReferrals?.edges.filter((e) => e.node.status === 'SENT').length ?? 0;
  return (
    <tr>
      <th scope="row">
        <Link to={`/cases/${encodeURIComponent(row.id)}`}>
          {row.person?.displayName ?? '（氏名は共有されていません）'}
        </Link>
        {row.person?.kana ? <span className="kana">{row.person.kana}</span> : null}
      </th>
      <td>{stageLabel(row.stage)}</td>
      <td>{familyStageLabel(row.familyStage) || '—'}</td>
      <td>
        <span className={`badge badge--${row.status.state.toLowerCase()}`}>
          {caseStateLabel(row.status.state)}
        </span>
        <span className="since">{formatDate(row.status.since)}〜</span>
      </td>
      <td>
        {row.lastContact
          ? `${formatDate(row.lastContact.occurredOn)} ${channelLabel(row.lastContact.channel)}（${personContactLabel(row.lastContact.personContact)}）`
          : '—'}
      </td>
      <td>
        {row.reviewOverdue ? (
          <span className="badge badge--warn">期限切れ</span>
        ) : row.reviewOverdue === false ? (
          '—'
        ) : (
          ''
        )}
      </td>
      <td>
        {waiting > 0
          ? `回答待ち ${waiting}件`
          : (row.openReferrals?.edges.length ?? 0) > 0
            ? '受理済み'
            : '—'}
      </td>
    </tr>
  );
}
