import { addSupportingAgency, handOverLead, isInvolvedAgency } from '../cases/case-agencies.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import {
  type AcceptReferralInput,
  acceptReferral,
  type CompleteReferralInput,
  completeReferral,
  type DeclineReferralInput,
  declineReferral,
  type Referral,
  reReferAfterDecline,
  type SendReferralInput,
  sendReferral,
  type WithdrawReferralInput,
  withdrawReferral,
} from '../referrals/referral.ts';
import type { ReferralStatus } from '../referrals/referral-status.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import type { CaseId, ReferralId } from '../shared/ids.ts';
import { findValidBases, type LegalBasisRef } from '../sharing/legal-basis.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';
import { lawfulBasis, recipientAgency, sharingRecordsOf } from './disclosure-basis.ts';

export type SendReferralRequest = SendReferralInput & {
  /** 再紹介: the declined referral this one follows. */
  readonly previousReferralId?: ReferralId | null;
};

export interface ReferralListRequest {
  /** Referrals the actor's agency received, or sent. */
  readonly direction: 'incoming' | 'outgoing';
  readonly statuses?: readonly ReferralStatus[];
}

const CASEWORK = ['staff', 'supervisor'];

export function referralUseCases(runner: UseCaseRunner) {
  /** Loads a referral the actor's agency is party to; anyone else learns nothing about it. */
  async function partyReferral(s: UseCaseScope, referralId: ReferralId): Promise<Referral> {
    const referral = await s.repos.referrals.get(referralId);
    if (!referral || (referral.fromAgencyId !== s.actor.agencyId && referral.toAgencyId !== s.actor.agencyId))
      throw new ForbiddenError('referral_party', 'referral not found or not accessible');
    if (!CASEWORK.includes(s.actor.role))
      throw new ForbiddenError('referral_casework', 'only caseworkers may act on referrals');
    s.touched({ entity: 'referral', entityId: referral.id, caseId: referral.caseId });
    return referral;
  }

  function respond(
    operation: string,
    referralId: ReferralId,
    actor: Actor,
    apply: (s: UseCaseScope, referral: Referral) => Promise<Referral>,
  ): Promise<Referral> {
    return runner.run(
      actor,
      operation,
      { entity: 'referral', entityId: referralId, caseId: null },
      async (s) => {
        const referral = await partyReferral(s, referralId);
        const next = await apply(s, referral);
        await s.repos.referrals.update(next);
        return next;
      },
    );
  }

  /** The case row the referral's outcome changes, with its version bumped by the change. */
  async function caseOf(s: UseCaseScope, caseId: CaseId): Promise<CaseRecord> {
    const record = await s.repos.cases.get(caseId);
    if (!record) throw new ForbiddenError('case_read', 'case not found or not accessible');
    s.touched({ entity: 'case', entityId: caseId, caseId });
    return record;
  }

  return {
    /** 紹介・引継の送付, citing its legal basis; with `previousReferralId` a re-referral after a decline. */
    send(actor: Actor, input: SendReferralRequest): Promise<Referral> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'referral.send', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const record = await writeCase(s, caseId);
        const { previousReferralId, ...sendInput } = input;
        const toAgencyId = String(sendInput.toAgencyId ?? '');
        const recipient = await s.repos.agencies.get(toAgencyId);
        if (!recipient)
          throw new ValidationError([
            { field: 'toAgencyId', rule: 'exists', message: `agency ${toAgencyId} not found` },
          ]);
        const [{ consents, meetings }, referrals] = await Promise.all([
          sharingRecordsOf(s, caseId, sendInput.legalBasis as LegalBasisRef | undefined),
          s.repos.referrals.list({ caseId }),
        ]);
        const ctx = {
          actor,
          today: s.today,
          recipient,
          leadAgencyId: record.leadAgencyId,
          consents,
          meetings,
          openReferrals: referrals.filter((r) => r.status === 'sent' || r.status === 'accepted'),
        };
        let referral: Referral;
        if (previousReferralId) {
          const declined = referrals.find((r) => r.id === previousReferralId);
          if (!declined)
            throw new ValidationError([
              {
                field: 'previousReferralId',
                rule: 'exists',
                message: `referral ${previousReferralId} is not a referral of this case`,
              },
            ]);
          referral = reReferAfterDecline(declined, s.newId(), sendInput, ctx);
        } else {
          referral = sendReferral(s.newId(), sendInput, ctx);
        }
        await s.repos.referrals.insert(referral);
        s.touched({ entity: 'referral', entityId: referral.id, caseId });
        return referral;
      });
    },

    /**
     * 受理: the recipient becomes a supporting agency of the case (it now sees the case whole). That is
     * a disclosure on the acceptance day: the referral's basis must still hold then (a consent may have
     * been withdrawn since it was sent), or another on record must.
     */
    accept(actor: Actor, referralId: ReferralId, input: AcceptReferralInput): Promise<Referral> {
      return respond('referral.accept', referralId, actor, async (s, referral) => {
        const next = acceptReferral(referral, input, { actor, today: s.today });
        const record = await caseOf(s, referral.caseId);
        if (isInvolvedAgency(record, referral.toAgencyId)) return next;
        const on = next.respondedOn ?? s.today;
        const to = await recipientAgency(s, referral.toAgencyId, 'referralId');
        const [history, records] = await Promise.all([
          s.repos.caseHistory.agencyChanges(record.id),
          sharingRecordsOf(s, record.id),
        ]);
        const legalBasis = lawfulBasis(
          {
            caseId: record.id,
            fromAgencyId: referral.fromAgencyId,
            to,
            on,
            preferred: referral.legalBasis,
            field: 'on',
          },
          records,
        );
        const change = addSupportingAgency(
          record,
          history,
          to.id,
          { legalBasis, effectiveOn: on, via: 'referral', referralId: referral.id },
          { actor, now: s.now },
        );
        await s.repos.cases.update(change.record);
        await s.repos.caseHistory.appendAgencyChanges(change.entries);
        return next;
      });
    },

    /** 辞退, with the reason the sender needs to choose the next agency. */
    decline(actor: Actor, referralId: ReferralId, input: DeclineReferralInput): Promise<Referral> {
      return respond('referral.decline', referralId, actor, async (s, referral) =>
        declineReferral(referral, input, { actor, today: s.today }),
      );
    },

    /** 取下げ by the sender before an answer. */
    withdraw(actor: Actor, referralId: ReferralId, input: WithdrawReferralInput): Promise<Referral> {
      return respond('referral.withdraw', referralId, actor, async (s, referral) =>
        withdrawReferral(referral, input, { actor, today: s.today }),
      );
    },

    /** 完了: closes the loop; a lead handover completed `connected` makes the recipient the lead. */
    complete(actor: Actor, referralId: ReferralId, input: CompleteReferralInput): Promise<Referral> {
      return respond('referral.complete', referralId, actor, async (s, referral) => {
        const { referral: next, leadHandover } = completeReferral(referral, input, { actor, today: s.today });
        if (leadHandover) {
          const record = await caseOf(s, referral.caseId);
          if (record.leadAgencyId !== leadHandover.previousLeadAgencyId)
            throw new ValidationError([
              {
                field: 'outcome',
                rule: 'lead_unchanged',
                message: 'the case lead changed since the handover was sent',
              },
            ]);
          // The new lead already supports the case (it accepted); the previous lead stays on as
          // supporting when a basis covers it on the day, otherwise it leaves the case — either way
          // the case's agency history says so.
          const on = leadHandover.effectiveOn;
          const [history, records, to, previous] = await Promise.all([
            s.repos.caseHistory.agencyChanges(record.id),
            sharingRecordsOf(s, record.id),
            recipientAgency(s, leadHandover.newLeadAgencyId, 'referralId'),
            s.repos.agencies.get(leadHandover.previousLeadAgencyId),
          ]);
          const legalBasis = lawfulBasis(
            {
              caseId: record.id,
              fromAgencyId: leadHandover.previousLeadAgencyId,
              to,
              on,
              preferred: referral.legalBasis,
              field: 'outcome',
            },
            records,
          );
          const staysOn = previous
            ? (findValidBases({
                caseId: record.id,
                fromAgencyId: to.id,
                toAgency: previous,
                on,
                ...records,
              })[0] ?? null)
            : null;
          const change = handOverLead(
            record,
            history,
            to.id,
            { legalBasis, effectiveOn: on, referralId: referral.id, previousLeadStaysOn: staysOn },
            { actor, now: s.now },
          );
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendAgencyChanges(change.entries);
        }
        return next;
      });
    },

    /** The referrals of a case (needs the referrals section). */
    ofCase(actor: Actor, caseId: CaseId): Promise<readonly Referral[]> {
      return runner.run(actor, 'referral.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const view = await readCase(s, caseId, 'referrals');
        const referrals = await s.repos.referrals.list({ caseId });
        // A recipient that has not accepted sees only the referrals addressed to it.
        return view.record.leadAgencyId === actor.agencyId ||
          view.record.supportingAgencyIds.includes(actor.agencyId)
          ? referrals
          : referrals.filter((r) => r.toAgencyId === actor.agencyId);
      });
    },

    /** 受信・送信した紹介: the agency's referral inbox or outbox. */
    list(actor: Actor, request: ReferralListRequest): Promise<readonly Referral[]> {
      return runner.run(actor, 'referral.list', null, async (s) => {
        if (!CASEWORK.includes(actor.role) && actor.role !== 'auditor')
          throw new ForbiddenError('referral_casework', 'only caseworkers and auditors may list referrals');
        const referrals = await s.repos.referrals.list({
          ...(request.direction === 'incoming'
            ? { toAgencyId: actor.agencyId }
            : { fromAgencyId: actor.agencyId }),
          ...(request.statuses ? { statuses: request.statuses } : {}),
        });
        for (const r of referrals) s.touched({ entity: 'referral', entityId: r.id, caseId: r.caseId });
        return referrals;
      });
    },
  };
}
