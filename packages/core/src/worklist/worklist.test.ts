import { describe, expect, it } from 'vitest';
import { type CaseRecord, openCase } from '../cases/case-record.ts';
import type { Contact } from '../contacts/contact.ts';
import { clearNextContact, type PlannedContact, planNextContact } from '../contacts/planned-contact.ts';
import type { SupportPlan } from '../plans/support-plan.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import { ValidationError } from '../shared/errors.ts';
import {
  buildWorklist,
  NO_CONTACT_DAYS,
  OUTGOING_REFERRAL_WAIT_DAYS,
  type WorklistSources,
} from './worklist.ts';

const actor: Actor = { staffId: 'tanaka', agencyId: 'centre', role: 'staff' };
const at = (iso: string) => new Date(`${iso}T01:00:00Z`);

function caseOf(id: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const { record } = openCase(
    { personId: `p-${id}`, municipalityCode: '242012', leadAgencyId: 'centre', openedOn: '2024-04-01' },
    { actor, now: at('2024-04-01'), caseId: id },
  );
  return { ...record, ...overrides };
}

let sequence = 0;
function planned(caseId: string, on: string | null, recordedOn: string, agencyId = 'centre'): PlannedContact {
  const ctx = {
    id: `pc-${caseId}-${recordedOn}`,
    caseId,
    agencyId,
    staffId: 'tanaka',
    now: at(recordedOn),
    today: recordedOn,
    sequence: ++sequence,
  };
  return on === null ? clearNextContact(ctx) : planNextContact({ plannedOn: on }, ctx);
}

function contact(caseId: string, occurredOn: string, recordedOn = occurredOn, voided = false): Contact {
  return {
    id: `ct-${caseId}-${occurredOn}`,
    caseId,
    agencyId: 'centre',
    staffId: 'tanaka',
    occurredOn,
    channel: 'phone',
    consultingParty: { kind: 'person' },
    personContact: 'reached',
    contents: ['relationshipBuilding'],
    durationMinutes: null,
    note: null,
    recordedAt: at(recordedOn),
    version: 1,
    voided: voided ? { reason: '誤入力', staffId: 'tanaka', agencyId: 'centre', at: at(recordedOn) } : null,
  } as Contact;
}

function plan(caseId: string, reviewDueOn: string, closed = false): SupportPlan {
  return {
    id: `plan-${caseId}`,
    caseId,
    agencyId: 'centre',
    createdOn: '2024-04-01',
    goals: [],
    reviewDueOn,
    reviews: closed
      ? [{ reviewedOn: '2024-05-01', outcome: 'ended', nextReviewDueOn: null, staffId: 'tanaka' } as never]
      : [],
    version: 1,
    createdAt: at('2024-04-01'),
    updatedAt: at('2024-04-01'),
  };
}

function referral(
  id: string,
  caseId: string,
  from: string,
  to: string,
  sentOn: string,
  status = 'sent',
): Referral {
  return { id, caseId, fromAgencyId: from, toAgencyId: to, sentOn, status } as Referral;
}

const sources = (overrides: Partial<WorklistSources>): WorklistSources => ({
  on: '2024-09-01',
  agencyId: 'centre',
  cases: [],
  plannedContacts: [],
  latestContacts: [],
  plans: [],
  incomingReferrals: [],
  outgoingReferrals: [],
  ...overrides,
});

const summary = (s: WorklistSources) =>
  buildWorklist(s).items.map((i) => [i.kind, i.caseId, i.dueOn, i.daysOverdue]);

describe('planned next contact (次回支援予定)', () => {
  it('is not planned before today, and its note is held to the text rule', () => {
    const ctx = {
      id: 'x',
      caseId: 'c',
      agencyId: 'centre',
      staffId: 'tanaka',
      now: at('2024-06-10'),
      today: '2024-06-10',
      sequence: 1,
    };
    expect(() => planNextContact({ plannedOn: '2024-06-09' }, ctx)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ field: 'plannedOn', rule: 'not_in_past' })],
      }),
    );
    expect(() => planNextContact({ plannedOn: '2024-06-10', note: 'a\u0000b' }, ctx)).toThrow(
      ValidationError,
    );
    expect(() => planNextContact({ plannedOn: '2024-06-10', note: 'x'.repeat(201) }, ctx)).toThrow(
      ValidationError,
    );
    expect(
      planNextContact({ plannedOn: '2024-06-10', channel: 'homeVisit', note: ' 母親と面談 ' }, ctx),
    ).toMatchObject({
      plannedOn: '2024-06-10',
      channel: 'homeVisit',
      note: '母親と面談',
    });
  });
});

describe('worklist (今日の対応一覧)', () => {
  it('lists a planned contact that has come, until a contact answers it or a newer plan replaces it', () => {
    const c = caseOf('c1');
    const base = { cases: [c], latestContacts: [contact('c1', '2024-08-20')] };
    const due = planned('c1', '2024-08-25', '2024-08-20');
    expect(buildWorklist(sources({ ...base, plannedContacts: [due] })).items).toEqual([
      {
        kind: 'nextContactDue',
        caseId: 'c1',
        dueOn: '2024-08-25',
        daysOverdue: 7,
        plannedContact: due,
        planId: null,
        referralId: null,
      },
    ]);
    // Due on the day itself: 0 days overdue; a later date is not listed yet.
    expect(
      summary(sources({ ...base, plannedContacts: [planned('c1', '2024-09-01', '2024-08-20')] })),
    ).toEqual([['nextContactDue', 'c1', '2024-09-01', 0]]);
    expect(
      summary(sources({ ...base, plannedContacts: [planned('c1', '2024-09-02', '2024-08-20')] })),
    ).toEqual([]);
    // A contact recorded after the plan answers it.
    expect(
      summary(
        sources({
          cases: [c],
          latestContacts: [contact('c1', '2024-08-26')],
          plannedContacts: [planned('c1', '2024-08-25', '2024-08-20')],
        }),
      ),
    ).toEqual([]);
    // The latest entry rules: a newer date replaces, a clearing entry removes.
    const replaced = [planned('c1', '2024-08-25', '2024-08-20'), planned('c1', '2024-09-10', '2024-08-21')];
    expect(summary(sources({ ...base, plannedContacts: replaced }))).toEqual([]);
    const cleared = [planned('c1', '2024-08-25', '2024-08-20'), planned('c1', null, '2024-08-21')];
    expect(summary(sources({ ...base, plannedContacts: cleared }))).toEqual([]);
    // Another agency's plan is not this agency's work.
    const theirs = [planned('c1', '2024-08-25', '2024-08-20', 'npo')];
    expect(summary(sources({ ...base, plannedContacts: theirs }))).toEqual([]);
  });

  it(`lists an active case without a contact for ${NO_CONTACT_DAYS} days, voided contacts aside`, () => {
    const c = caseOf('c1');
    expect(summary(sources({ cases: [c], latestContacts: [contact('c1', '2024-06-03')] }))).toEqual([
      ['noContactForLong', 'c1', '2024-09-01', 0],
    ]);
    expect(summary(sources({ cases: [c], latestContacts: [contact('c1', '2024-06-04')] }))).toEqual([]);
    // No contact at all counts from the opening; a voided contact is no contact.
    expect(
      summary(sources({ cases: [c], latestContacts: [contact('c1', '2024-08-30', '2024-08-30', true)] })),
    ).toEqual([['noContactForLong', 'c1', '2024-06-30', 63]]);
    // A paused or lost-contact case is not chased for contact.
    const paused = caseOf('c2', {
      status: { state: 'paused', since: '2024-05-01', pauseReason: 'personRequest', reviewOn: null } as never,
    });
    expect(summary(sources({ cases: [paused] }))).toEqual([]);
  });

  it('lists pause reviews and plan reviews that have come; closed cases and closed plans give nothing', () => {
    const paused = caseOf('c1', {
      status: {
        state: 'paused',
        since: '2024-05-01',
        pauseReason: 'personRequest',
        reviewOn: '2024-08-01',
      } as never,
    });
    const active = caseOf('c2');
    const closed = caseOf('c3', {
      status: { state: 'closed', since: '2024-06-01', closureReason: 'goalsMet' } as never,
    });
    const result = buildWorklist(
      sources({
        cases: [paused, active, closed],
        latestContacts: [contact('c2', '2024-08-30')],
        plans: [plan('c2', '2024-08-31'), plan('c1', '2024-07-01', true), plan('c3', '2024-07-01')],
      }),
    );
    expect(result.items.map((i) => [i.kind, i.caseId, i.planId, i.daysOverdue])).toEqual([
      ['pauseReviewDue', 'c1', null, 31],
      ['planReviewDue', 'c2', 'plan-c2', 1],
    ]);
    expect(result.counts).toEqual([
      { kind: 'nextContactDue', count: 0 },
      { kind: 'noContactForLong', count: 0 },
      { kind: 'pauseReviewDue', count: 1 },
      { kind: 'planReviewDue', count: 1 },
      { kind: 'referralWaiting', count: 0 },
    ]);
  });

  it(`lists incoming referrals from the day sent, outgoing ones after ${OUTGOING_REFERRAL_WAIT_DAYS} days; most overdue first`, () => {
    const result = buildWorklist(
      sources({
        incomingReferrals: [
          referral('in1', 'x1', 'npo', 'centre', '2024-08-30'),
          referral('in2', 'x2', 'npo', 'centre', '2024-08-01', 'accepted'),
        ],
        outgoingReferrals: [
          referral('out1', 'c1', 'centre', 'npo', '2024-08-10'),
          referral('out2', 'c2', 'centre', 'npo', '2024-08-19'),
        ],
      }),
    );
    expect(result.items.map((i) => [i.referralId, i.dueOn, i.daysOverdue])).toEqual([
      ['out1', '2024-08-24', 8],
      ['in1', '2024-08-30', 2],
    ]);
  });
});
