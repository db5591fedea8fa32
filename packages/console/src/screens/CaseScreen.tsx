import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CaseDetailDocument, type CaseDetailQuery } from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { formatDate, today } from '../app/dates.ts';
import { useSession } from '../app/session.tsx';
import { useQuery } from '../app/use-query.ts';
import { StageTimeline } from '../components/charts.tsx';
import { Notice } from '../components/forms.tsx';
import { birthOf } from '../components/person.ts';
import {
  caseStateLabel,
  channelLabel,
  closureReasonLabel,
  consultingPartyKindLabel,
  contentLabel,
  familyStageLabel,
  goalStatusLabel,
  noteVisibilityLabel,
  pauseReasonLabel,
  personContactLabel,
  referralStatusLabel,
  relationLabel,
  reopenReasonLabel,
  reviewOutcomeLabel,
  sectionLabel,
  sexLabel,
  stageLabel,
  stageReasonLabel,
  statusMoveLabel,
} from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';
import { AssessmentSection } from './case/AssessmentSection.tsx';
import { ContactForm } from './case/ContactForm.tsx';
import { MergeSection } from './case/MergeSection.tsx';
import { NextContactSection } from './case/NextContactSection.tsx';
import { StageForm } from './case/StageForm.tsx';
import { StatusForm } from './case/StatusForm.tsx';

type CaseDetail = NonNullable<CaseDetailQuery['case']>;
type Action = 'contact' | 'stage' | 'family' | 'status' | 'merge';

/** 名寄せ is for supervisors and agency admins. */
const MERGERS = new Set(['SUPERVISOR', 'AGENCY_ADMIN']);

/** ケース詳細: the record, its timeline, and the changes the register offers now. */
export function CaseScreen() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const detail = useQuery(() => call(CaseDetailDocument, { id }), id);
  const [open, setOpen] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const record = detail.data?.case;
  if (detail.error)
    return (
      <>
        <h1>ケース詳細</h1>
        <div className="alert" role="alert">
          {errorMessage(detail.error)}
        </div>
        <p>
          <Link to="/cases">担当ケース一覧へ戻る</Link>
        </p>
      </>
    );
  if (!record) return <p className="loading">読み込み中…</p>;
  const announce = (message: string) => {
    setOpen(null);
    setNotice(message);
    detail.reload();
  };
  const done = (message: string) => () => announce(message);
  const canChange =
    record.moveOptions.stage.length +
      record.moveOptions.familyStage.length +
      record.moveOptions.status.length >
    0;
  const actions: { key: Action; title: string; body: ReactNode }[] = [
    {
      key: 'contact',
      title: '相談・支援を記録する',
      body: <ContactForm record={record} onDone={done('相談・支援を記録しました。')} />,
    },
    {
      key: 'stage',
      title: '支援段階を変更する',
      body: <StageForm record={record} track="person" onDone={done('支援段階を変更しました。')} />,
    },
    {
      key: 'family',
      title: '家族支援の段階を変更する',
      body: <StageForm record={record} track="family" onDone={done('家族支援の段階を変更しました。')} />,
    },
    {
      key: 'status',
      title: '状態を変更する（小休止・再開・終結）',
      body: <StatusForm record={record} onDone={done('状態を変更しました。')} />,
    },
  ];
  const person = record.person;
  if (person && me && MERGERS.has(me.role))
    actions.push({
      key: 'merge',
      title: '利用者の統合（二重登録の名寄せ）',
      body: <MergeSection person={person} onDone={announce} />,
    });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cases">担当ケース一覧</Link> ＞ ケース詳細
      </p>
      <h1>
        {record.person?.displayName ?? '（氏名は共有されていません）'}
        {record.person?.kana ? <span className="kana">{record.person.kana}</span> : null}
      </h1>
      <Notice message={notice} />
      <CaseSummary record={record} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">支援段階と状態の推移</h2>
        {record.history ? (
          <>
            <StageTimeline
              openedOn={record.openedOn}
              today={today()}
              stages={record.history.supportStages.edges.map((e) => e.node)}
              statuses={record.history.statuses.edges.map((e) => e.node)}
            />
            <History history={record.history} />
          </>
        ) : null}
      </section>

      {record.plannedContacts ? (
        <section aria-labelledby="next-contact-title">
          <h2 id="next-contact-title">次回支援予定</h2>
          <NextContactSection
            key={record.nextContact?.recordedAt ?? 'none'}
            record={record}
            onDone={announce}
          />
        </section>
      ) : null}

      {canChange || actions.some((a) => a.key === 'merge') ? (
        <section aria-labelledby="actions-title" className="actions">
          <h2 id="actions-title">記録と変更</h2>
          {actions
            .filter((a) => canChange || a.key === 'merge')
            .map((a) => (
              <details
                key={a.key}
                open={open === a.key}
                onToggle={(e) => {
                  if (e.currentTarget.open) {
                    // A new action: the notice of the last one is no longer news.
                    setNotice(null);
                    setOpen(a.key);
                  } else if (open === a.key) setOpen(null);
                }}
              >
                <summary>{a.title}</summary>
                {open === a.key ? a.body : null}
              </details>
            ))}
        </section>
      ) : null}

      {record.contacts ? (
        <section aria-labelledby="contacts-title">
          <h2 id="contacts-title">相談・支援記録</h2>
          <Contacts record={record} />
        </section>
      ) : null}
      {record.assessments ? (
        <section aria-labelledby="assessments-title">
          <h2 id="assessments-title">アセスメント</h2>
          <AssessmentSection assessments={record.assessments.edges.map((e) => e.node)} />
        </section>
      ) : null}
      {record.plans ? (
        <section aria-labelledby="plans-title">
          <h2 id="plans-title">支援計画</h2>
          <Plans record={record} />
        </section>
      ) : null}
      {record.referrals ? (
        <section aria-labelledby="referrals-title">
          <h2 id="referrals-title">つなぎ・紹介</h2>
          <Referrals record={record} />
        </section>
      ) : null}
    </>
  );
}

function CaseSummary({ record }: { readonly record: CaseDetail }) {
  return (
    <dl className="summary">
      <div>
        <dt>状態</dt>
        <dd>
          <span className={`badge badge--${record.status.state.toLowerCase()}`}>
            {caseStateLabel(record.status.state)}
          </span>{' '}
          {formatDate(record.status.since)}〜
          {record.status.reviewOn ? `（見直し予定 ${formatDate(record.status.reviewOn)}）` : ''}
        </dd>
      </div>
      <div>
        <dt>本人の支援段階</dt>
        <dd>{stageLabel(record.stage)}</dd>
      </div>
      <div>
        <dt>家族支援</dt>
        <dd>{familyStageLabel(record.familyStage) || '—'}</dd>
      </div>
      <div>
        <dt>受付日</dt>
        <dd>{formatDate(record.openedOn)}</dd>
      </div>
      {record.person ? (
        <div>
          <dt>本人</dt>
          <dd>
            {birthOf(record.person)} ／ {sexLabel(record.person.sex)} ／ 市町村コード{' '}
            {record.person.municipalityCode}
          </dd>
        </div>
      ) : null}
      {record.household && record.household.length > 0 ? (
        <div>
          <dt>世帯</dt>
          <dd>
            {record.household
              .map(
                (m) =>
                  `${relationLabel(m.relation)}${m.displayName ? ` ${m.displayName}` : ''}${m.birthYear ? `（${m.birthYear}年生）` : ''}${m.livesWithPerson ? '・同居' : ''}`,
              )
              .join('、')}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>主担当機関</dt>
        <dd>{record.leadAgency?.name}</dd>
      </div>
      <div>
        <dt>協力機関</dt>
        <dd>{record.supportingAgencies.map((a) => a.name).join('、') || '—'}</dd>
      </div>
      <div>
        <dt>閲覧できる範囲</dt>
        <dd>{record.readableSections.map(sectionLabel).join('・')}</dd>
      </div>
    </dl>
  );
}

function History({ history }: { readonly history: NonNullable<CaseDetail['history']> }) {
  const rows = [
    ...history.supportStages.edges.map(({ node: e }) => ({
      key: `s${e.sequence}`,
      on: e.effectiveOn,
      what: `本人の支援段階：${e.from ? `${stageLabel(e.from)} → ` : ''}${stageLabel(e.to)}`,
      why: stageReasonLabel(e.reason),
      note: e.note,
    })),
    ...history.familyStages.edges.map(({ node: e }) => ({
      key: `f${e.sequence}`,
      on: e.effectiveOn,
      what: `家族支援：${e.from ? `${familyStageLabel(e.from)} → ` : ''}${familyStageLabel(e.to)}`,
      why: stageReasonLabel(e.reason),
      note: e.note,
    })),
    ...history.statuses.edges.map(({ node: e }) => ({
      key: `t${e.sequence}`,
      on: e.effectiveOn,
      what: `状態：${statusMoveLabel(e.move)}`,
      why:
        pauseReasonLabel(e.pauseReason) ||
        closureReasonLabel(e.closureReason) ||
        reopenReasonLabel(e.reopenReason),
      note: e.note,
    })),
  ].sort((a, b) => b.on.localeCompare(a.on));
  return (
    <details>
      <summary>推移を表で見る（{rows.length}件）</summary>
      <table>
        <caption>支援段階と状態の履歴（新しい順）</caption>
        <thead>
          <tr>
            <th scope="col">日付</th>
            <th scope="col">変更</th>
            <th scope="col">理由</th>
            <th scope="col">メモ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{formatDate(r.on)}</th>
              <td>{r.what}</td>
              <td>{r.why || '—'}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Contacts({ record }: { readonly record: CaseDetail }) {
  const contacts = record.contacts?.edges.map((e) => e.node) ?? [];
  if (contacts.length === 0) return <p>記録はありません。</p>;
  const member = (id: string | null | undefined) => record.household?.find((m) => m.id === id);
  return (
    <table>
      <caption>相談・支援記録（新しい順、{contacts.length}件）</caption>
      <thead>
        <tr>
          <th scope="col">日付</th>
          <th scope="col">方法</th>
          <th scope="col">相談者</th>
          <th scope="col">本人との接触</th>
          <th scope="col">支援内容</th>
          <th scope="col">記録メモ</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.id}>
            <th scope="row">{formatDate(c.occurredOn)}</th>
            <td>{channelLabel(c.channel)}</td>
            <td>
              {c.consultingParty.kind === 'HOUSEHOLD_MEMBER'
                ? relationLabel(member(c.consultingParty.householdMemberId)?.relation) ||
                  consultingPartyKindLabel('HOUSEHOLD_MEMBER')
                : c.consultingParty.kind === 'AGENCY'
                  ? (c.consultingParty.agency?.name ?? consultingPartyKindLabel('AGENCY'))
                  : consultingPartyKindLabel(c.consultingParty.kind)}
            </td>
            <td>{personContactLabel(c.personContact)}</td>
            <td>{c.contents.map(contentLabel).join('、')}</td>
            <td>
              {c.note?.text ?? (c.note?.redacted ? '（非開示）' : '')}
              {c.note && c.note.visibility !== 'NORMAL' ? (
                <span className="tag">{noteVisibilityLabel(c.note.visibility)}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Plans({ record }: { readonly record: CaseDetail }) {
  const plans = record.plans?.edges.map((e) => e.node) ?? [];
  if (plans.length === 0) return <p>支援計画はありません。</p>;
  return (
    <>
      {plans.map((p) => (
        <article key={p.id} className="plan">
          <h3>
            {formatDate(p.createdOn)} 作成の計画 {p.closed ? '（終了）' : ''}
            {p.reviewOverdue ? (
              <span className="badge badge--warn">見直し期限切れ（{p.daysOverdue}日）</span>
            ) : null}
          </h3>
          <p>見直し予定日：{formatDate(p.reviewDueOn)}</p>
          <ul>
            {p.goals.map((g) => (
              <li key={g.id}>
                {g.description}（{goalStatusLabel(g.status)}
                {g.targetDate ? `・目標日 ${formatDate(g.targetDate)}` : ''}）
              </li>
            ))}
          </ul>
          {p.reviews.length > 0 ? (
            <table>
              <caption>見直しの記録</caption>
              <thead>
                <tr>
                  <th scope="col">見直し日</th>
                  <th scope="col">結果</th>
                  <th scope="col">次回</th>
                  <th scope="col">メモ</th>
                </tr>
              </thead>
              <tbody>
                {p.reviews.map((r) => (
                  <tr key={r.reviewedOn}>
                    <th scope="row">{formatDate(r.reviewedOn)}</th>
                    <td>{reviewOutcomeLabel(r.outcome)}</td>
                    <td>{formatDate(r.nextReviewDueOn) || '—'}</td>
                    <td>{r.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </article>
      ))}
    </>
  );
}

function Referrals({ record }: { readonly record: CaseDetail }) {
  const referrals = record.referrals?.edges.map((e) => e.node) ?? [];
  if (referrals.length === 0) return <p>つなぎ・紹介はありません。</p>;
  return (
    <table>
      <caption>つなぎ・紹介</caption>
      <thead>
        <tr>
          <th scope="col">送付日</th>
          <th scope="col">紹介元 → 紹介先</th>
          <th scope="col">状況</th>
          <th scope="col">依頼内容</th>
        </tr>
      </thead>
      <tbody>
        {referrals.map((r) => (
          <tr key={r.id}>
            <th scope="row">{formatDate(r.sentOn)}</th>
            <td>
              {r.fromAgency?.name} → {r.toAgency?.name}
            </td>
            <td>
              {referralStatusLabel(r.status)}
              {r.declineReason ? `（${r.declineReason}）` : ''}
            </td>
            <td>{r.requestedService}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
