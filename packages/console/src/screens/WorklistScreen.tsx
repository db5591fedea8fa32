import { Link, useSearchParams } from 'react-router';
import { CaseAssigneesDocument, StaffListDocument, WorklistDocument } from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { formatDate, today } from '../app/dates.ts';
import { type SignedInStaff, useSession } from '../app/session.tsx';
import { useQuery } from '../app/use-query.ts';
import { type Option, SelectField, TextField } from '../components/forms.tsx';
import { worklistKindLabel } from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';
import {
  overdueText,
  WORKLIST_DETAIL_HEADINGS,
  type WorklistGroup,
  worklistDetail,
  worklistGroups,
} from './worklist-rows.ts';

/** Supervisors and agency admins may read a colleague's list; caseworkers only their own. */
const READS_COLLEAGUES = new Set(['SUPERVISOR', 'AGENCY_ADMIN']);

/**
 * 今日の対応一覧: what needs the signed-in worker (or, for supervisors, a colleague) on a day, grouped
 * by why, each linked to its case. The day and the staff member live in the address (bookmarks, back).
 */
export function WorklistScreen() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const on = params.get('on') || today();
  const staffId = params.get('staff') || null;
  const list = useQuery(
    () => call(WorklistDocument, { on, ...(staffId ? { staffId } : {}) }),
    JSON.stringify([on, staffId]),
  );
  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const worklist = list.data?.worklist;
  const items = worklist?.items ?? [];
  return (
    <>
      <h1>今日の対応一覧</h1>
      <form className="filters" aria-label="表示する日と職員" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="対象日"
          type="date"
          value={on}
          onChange={(v) => update('on', v && v !== today() ? v : null)}
        />
        {me && READS_COLLEAGUES.has(me.role) ? (
          <ColleaguePicker me={me} value={staffId ?? ''} onChange={(v) => update('staff', v || null)} />
        ) : null}
      </form>
      {list.error ? (
        <div className="alert" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      {worklist ? (
        <>
          <section className="counts worklist-counts" aria-label="件数">
            <p>
              {formatDate(worklist.on)} の対応 {worklist.totalCount}件
            </p>
            <ul>
              {worklist.counts.map((c) => (
                <li key={c.kind}>
                  {worklistKindLabel(c.kind)} {c.count}件
                </li>
              ))}
            </ul>
          </section>
          {items.length === 0 ? <p>対応が必要なものはありません。</p> : null}
          {worklistGroups(items).map((group) => (
            <section key={group.kind} aria-labelledby={`worklist-${group.kind}`}>
              <h2 id={`worklist-${group.kind}`}>
                {group.label}（{group.items.length}件）
              </h2>
              <WorklistTable group={group} />
            </section>
          ))}
        </>
      ) : list.loading ? (
        <p className="loading">読み込み中…</p>
      ) : null}
    </>
  );
}

function WorklistTable({ group }: { readonly group: WorklistGroup }) {
  return (
    <table className="worklist">
      <caption className="visually-hidden">{group.label}</caption>
      <thead>
        <tr>
          <th scope="col">利用者</th>
          <th scope="col">期日</th>
          <th scope="col">経過</th>
          <th scope="col">{WORKLIST_DETAIL_HEADINGS[group.kind]}</th>
        </tr>
      </thead>
      <tbody>
        {group.items.map((item, i) => {
          const caseId = item.case?.id ?? item.referral?.case?.id;
          const name =
            item.case?.person?.displayName ??
            item.referral?.case?.person?.displayName ??
            '（氏名は共有されていません）';
          return (
            <tr key={`${caseId ?? item.referral?.id ?? i}-${item.planId ?? ''}`}>
              <th scope="row">
                {caseId ? <Link to={`/cases/${caseId}`}>{name}</Link> : <Link to="/referrals">{name}</Link>}
              </th>
              <td>{formatDate(item.dueOn)}</td>
              <td>
                {item.daysOverdue === 0 ? (
                  overdueText(0)
                ) : (
                  <span className="badge badge--warn">{overdueText(item.daysOverdue)}</span>
                )}
              </td>
              <td>{worklistDetail(item)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * 職員の選択: agency admins pick from the agency's accounts; supervisors (who do not manage accounts)
 * from the staff assigned to the agency's cases.
 */
function ColleaguePicker({
  me,
  value,
  onChange,
}: {
  readonly me: NonNullable<SignedInStaff>;
  readonly value: string;
  readonly onChange: (staffId: string) => void;
}) {
  const colleagues = useQuery(() => colleaguesOf(me), me.staffId);
  const options = (colleagues.data ?? []).filter((o) => o.value !== me.staffId);
  return (
    <SelectField
      label="職員"
      placeholder={`自分（${me.displayName ?? ''}）`}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}

async function colleaguesOf(me: NonNullable<SignedInStaff>): Promise<Option[]> {
  if (me.role === 'AGENCY_ADMIN') {
    const staff = (await call(StaffListDocument)).staffMembers.edges.map((e) => e.node);
    return staff
      .filter((s) => s.active && (s.role === 'STAFF' || s.role === 'SUPERVISOR'))
      .map((s) => ({ value: s.id, label: s.displayName }));
  }
  const cases = await call(CaseAssigneesDocument, {
    first: 100,
    filter: me.agency ? { agencyId: me.agency.id } : {},
  });
  const byId = new Map<string, string>();
  for (const { node } of cases.cases.edges)
    for (const a of node.assignees ?? [])
      if (a.agency?.id === me.agency?.id) byId.set(a.staffId, a.staffName ?? a.staffId);
  return [...byId]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ja'));
}
