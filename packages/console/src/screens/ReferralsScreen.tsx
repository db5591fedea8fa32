import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  AcceptIncomingReferralDocument,
  CompleteIncomingReferralDocument,
  DeclineIncomingReferralDocument,
  ReferralListDocument,
  type ReferralRowFragment,
  type ReferralStatus,
  WithdrawOutgoingReferralDocument,
} from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { formatDate, today } from '../app/dates.ts';
import { useQuery } from '../app/use-query.ts';
import { ChoiceGroup, FormAlert, Notice, TextArea, TextField, useChange } from '../components/forms.tsx';
import {
  REFERRAL_OUTCOME_OPTIONS,
  referralKindLabel,
  referralStatusLabel,
  sectionLabel,
} from '../i18n/labels.ts';
import { errorMessage } from '../i18n/messages.ts';

type Box = 'INCOMING' | 'OUTGOING';
const OPEN: ReferralStatus[] = ['SENT', 'ACCEPTED'];

/** 紹介の受信箱・送信箱: referrals waiting for an answer or an outcome first; closed ones on request. */
export function ReferralsScreen() {
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('box') === 'outgoing' ? 'OUTGOING' : 'INCOMING';
  const showClosed = params.get('closed') === '1';
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(
    () =>
      call(ReferralListDocument, { direction: box, first: 50, ...(showClosed ? {} : { statuses: OPEN }) }),
    `${box}/${showClosed}`,
  );
  const referrals = list.data?.referrals.edges.map((e) => e.node) ?? [];
  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? p.set(k, v) : p.delete(k);
    setParams(p);
  };
  return (
    <>
      <h1>紹介（受信・送信）</h1>
      <fieldset className="tabs">
        <legend className="visually-hidden">表示する紹介</legend>
        <button type="button" aria-pressed={box === 'INCOMING'} onClick={() => go({ box: null })}>
          受信した紹介
        </button>
        <button type="button" aria-pressed={box === 'OUTGOING'} onClick={() => go({ box: 'outgoing' })}>
          送信した紹介
        </button>
        <label className="choice">
          <input
            type="checkbox"
            checked={showClosed}
            onChange={(e) => go({ closed: e.target.checked ? '1' : null })}
          />
          完了・辞退・取下げも表示
        </label>
      </fieldset>
      <Notice message={notice} />
      {list.error ? (
        <div className="alert" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      {list.data && referrals.length === 0 ? <p>該当する紹介はありません。</p> : null}
      {referrals.map((r) => (
        <ReferralCard
          key={r.id}
          referral={r}
          box={box}
          onDone={(message) => {
            setNotice(message);
            list.reload();
          }}
        />
      ))}
    </>
  );
}

type Answer = 'accept' | 'decline' | 'complete' | 'withdraw';

function ReferralCard({
  referral: r,
  box,
  onDone,
}: {
  readonly referral: ReferralRowFragment;
  readonly box: Box;
  readonly onDone: (message: string) => void;
}) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const answers: { key: Answer; label: string }[] =
    box === 'INCOMING'
      ? r.status === 'SENT'
        ? [
            { key: 'accept', label: '受理する' },
            { key: 'decline', label: '辞退する' },
          ]
        : r.status === 'ACCEPTED'
          ? [{ key: 'complete', label: '完了を記録する' }]
          : []
      : r.status === 'SENT'
        ? [{ key: 'withdraw', label: '取り下げる' }]
        : [];
  const name = r.case?.person?.displayName ?? '（氏名は共有されていません）';
  return (
    <article className="referral" aria-labelledby={`referral-${r.id}`}>
      <h2 id={`referral-${r.id}`}>
        {r.case ? <Link to={`/cases/${encodeURIComponent(r.case.id)}`}>{name}</Link> : name}{' '}
        <span className={`badge badge--referral-${r.status.toLowerCase()}`}>
          {referralStatusLabel(r.status)}
        </span>
      </h2>
      <dl className="summary">
        <div>
          <dt>{box === 'INCOMING' ? '紹介元' : '紹介先'}</dt>
          <dd>{box === 'INCOMING' ? r.fromAgency?.name : r.toAgency?.name}</dd>
        </div>
        <div>
          <dt>種別</dt>
          <dd>{referralKindLabel(r.kind)}</dd>
        </div>
        <div>
          <dt>送付日</dt>
          <dd>
            {formatDate(r.sentOn)}
            {r.pendingDays != null ? `（回答待ち ${r.pendingDays}日）` : ''}
          </dd>
        </div>
        <div>
          <dt>紹介の理由</dt>
          <dd>{r.reason}</dd>
        </div>
        <div>
          <dt>依頼する支援</dt>
          <dd>{r.requestedService}</dd>
        </div>
        <div>
          <dt>共有される情報</dt>
          <dd>{r.sharedSections.map(sectionLabel).join('・')}</dd>
        </div>
        {r.declineReason ? (
          <div>
            <dt>辞退の理由</dt>
            <dd>{r.declineReason}</dd>
          </div>
        ) : null}
        {r.outcomeReason ? (
          <div>
            <dt>結果の理由</dt>
            <dd>{r.outcomeReason}</dd>
          </div>
        ) : null}
      </dl>
      {answers.length > 0 ? (
        <div className="answer-buttons">
          {answers.map((a) => (
            <button
              key={a.key}
              type="button"
              aria-expanded={answer === a.key}
              onClick={() => setAnswer(answer === a.key ? null : a.key)}
            >
              {a.label}
            </button>
          ))}
        </div>
      ) : null}
      {answer ? (
        <AnswerForm
          referral={r}
          answer={answer}
          onDone={(message) => {
            setAnswer(null);
            onDone(message);
          }}
        />
      ) : null}
    </article>
  );
}

const ANSWER_FIELDS = ['on', 'reason', 'outcome', 'outcomeReason', 'expectedVersion'] as const;
const DONE_MESSAGE: Record<Answer, string> = {
  accept: '紹介を受理しました。協力機関としてケースを閲覧・記録できます。',
  decline: '紹介を辞退しました。紹介元に理由が伝わります。',
  complete: '紹介の完了を記録しました。',
  withdraw: '紹介を取り下げました。',
};

function AnswerForm({
  referral: r,
  answer,
  onDone,
}: {
  readonly referral: ReferralRowFragment;
  readonly answer: Answer;
  readonly onDone: (message: string) => void;
}) {
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const change = useChange(ANSWER_FIELDS, () => onDone(DONE_MESSAGE[answer]));
  const common = { referralId: r.id, expectedVersion: r.version, on };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.submit(async () => {
      switch (answer) {
        case 'accept':
          return (await call(AcceptIncomingReferralDocument, { input: common })).acceptReferral;
        case 'decline':
          return (await call(DeclineIncomingReferralDocument, { input: { ...common, reason } }))
            .declineReferral;
        case 'withdraw':
          return (
            await call(WithdrawOutgoingReferralDocument, {
              input: { ...common, ...(reason.trim() ? { reason } : {}) },
            })
          ).withdrawReferral;
        case 'complete':
          return (
            await call(CompleteIncomingReferralDocument, {
              input: {
                ...common,
                outcome: (outcome || undefined) as 'CONNECTED',
                ...(reason.trim() ? { outcomeReason: reason } : {}),
              },
            })
          ).completeReferral;
      }
    });
  };
  const error = (f: (typeof ANSWER_FIELDS)[number]) => change.errors.byField.get(f);
  return (
    <form onSubmit={submit} noValidate aria-label="紹介への回答">
      <FormAlert errors={change.errors} />
      <TextField label="日付" type="date" value={on} onChange={setOn} error={error('on')} required />
      {answer === 'complete' ? (
        <ChoiceGroup
          kind="radio"
          label="結果"
          options={REFERRAL_OUTCOME_OPTIONS}
          selected={outcome ? [outcome] : []}
          onChange={([v]) => setOutcome(v ?? '')}
          error={error('outcome')}
          required
        />
      ) : null}
      {answer !== 'accept' ? (
        <TextArea
          label={
            answer === 'decline'
              ? '辞退の理由'
              : answer === 'complete'
                ? '結果の理由（つながらなかったとき）'
                : '取り下げの理由'
          }
          value={reason}
          onChange={setReason}
          error={answer === 'complete' ? error('outcomeReason') : error('reason')}
          required={answer === 'decline'}
        />
      ) : null}
      <button type="submit" className="primary" disabled={change.busy}>
        {answer === 'accept'
          ? '受理する'
          : answer === 'decline'
            ? '辞退する'
            : answer === 'complete'
              ? '完了を記録する'
              : '取り下げる'}
      </button>
    </form>
  );
}
