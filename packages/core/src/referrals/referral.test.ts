import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import {
  type DomainError,
  ForbiddenError,
  IllegalTransitionError,
  NoLegalBasisError,
  PreconditionError,
  ValidationError,
  VersionConflictError,
} from '../shared/errors.ts';
import { type Consent, recordConsent, withdrawConsent } from '../sharing/consent.ts';
import {
  addMeetingCase,
  addMeetingMember,
  establishSupportMeeting,
  removeMeetingMember,
  type SupportMeeting,
} from '../sharing/support-meeting.ts';
import {
  acceptReferral,
  completeReferral,
  declineReferral,
  isOpen,
  pendingAgeDays,
  type Referral,
  type ReferralActionContext,
  reReferAfterDecline,
  type SendReferralContext,
  type SendReferralInput,
  sendReferral,
  withdrawReferral,
} from './referral.ts';
import { findReferralTransition, REFERRAL_TRANSITIONS, referralStatusSchema } from './referral-status.ts';

// The municipal hikikomori desk (lead) refers to a hospital outreach team or the youth support station.
const desk: Actor = { staffId: 'staff-desk', agencyId: 'desk', role: 'staff' };
const hospitalStaff: Actor = { staffId: 'staff-hosp', agencyId: 'hosp', role: 'staff' };
const stationStaff: Actor = { staffId: 'staff-ysst', agencyId: 'ysst', role: 'staff' };
const outsider: Actor = { staffId: 'staff-x', agencyId: 'other', role: 'supervisor' };

const hospital = { id: 'hosp', kind: 'medicalInstitution', active: true } as const;
const station = { id: 'ysst', kind: 'youthSupportStation', active: true } as const;
const helloWork = { id: 'hw', kind: 'helloWork', active: true } as const;

/** The person consents to sharing with the health sector and with the youth support station. */
const consent: Consent = recordConsent('consent-1', {
  caseId: 'case-1',
  givenBy: { kind: 'person' },
  scope: { agencyIds: ['ysst'], sectors: ['health'] },
  givenOn: '2024-04-01',
});

function meeting(): SupportMeeting {
  let m = establishSupportMeeting('meeting-1', {
    municipalityCode: '242012',
    name: '津市支援会議',
    establishedOn: '2024-04-01',
    memberAgencyIds: ['desk', 'hw'],
  });
  m = addMeetingCase(m, 'case-1', '2024-05-01');
  return m;
}

const byConsent = { kind: 'consent', consentId: 'consent-1' } as const;
const byMeeting = { kind: 'supportMeeting', meetingId: 'meeting-1' } as const;

function sendInput(overrides: Partial<SendReferralInput> = {}): SendReferralInput {
  return {
    caseId: 'case-1',
    toAgencyId: 'hosp',
    reason: '本人の不眠と抑うつ傾向。受診に抵抗があり訪問を希望',
    requestedService: '訪問支援（アウトリーチ）',
    legalBasis: byConsent,
    sharedSections: ['summary', 'person'],
    sentOn: '2024-06-03',
    ...overrides,
  };
}

function sendCtx(overrides: Partial<SendReferralContext> = {}): SendReferralContext {
  return {
    actor: desk,
    today: '2024-06-03',
    recipient: hospital,
    leadAgencyId: 'desk',
    consents: [consent],
    meetings: [meeting()],
    openReferrals: [],
    ...overrides,
  };
}

const recipientCtx = (today = '2024-06-30'): ReferralActionContext => ({ actor: hospitalStaff, today });
const senderCtx = (today = '2024-06-30'): ReferralActionContext => ({ actor: desk, today });

function sent(overrides: Partial<SendReferralInput> = {}, ctx: Partial<SendReferralContext> = {}): Referral {
  return sendReferral('ref-1', sendInput(overrides), sendCtx(ctx));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function expectRule(
  fn: () => unknown,
  type: new (...args: never[]) => DomainError,
  rule: string,
): DomainError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(type);
  expect((e as DomainError).rule).toBe(rule);
  return e as DomainError;
}

describe('the transition table', () => {
  it('lists exactly the closed-loop moves', () => {
    expect(REFERRAL_TRANSITIONS.map((t) => `${t.from}->${t.to} by ${t.by}`)).toEqual([
      'sent->accepted by recipient',
      'sent->declined by recipient',
      'sent->withdrawn by sender',
      'accepted->completed by recipient',
    ]);
  });

  it('has no move out of declined, withdrawn or completed', () => {
    for (const from of ['declined', 'withdrawn', 'completed'] as const)
      for (const to of referralStatusSchema.options) expect(findReferralTransition(from, to)).toBeUndefined();
  });
});

describe('sendReferral', () => {
  it('creates a sent referral with version 1 and a first history entry', () => {
    const r = sent();
    expect(r).toMatchObject({
      id: 'ref-1',
      caseId: 'case-1',
      kind: 'referral',
      fromAgencyId: 'desk',
      toAgencyId: 'hosp',
      legalBasis: byConsent,
      sharedSections: ['summary', 'person'],
      status: 'sent',
      sentOn: '2024-06-03',
      respondedOn: null,
      declineReason: null,
      withdrawnOn: null,
      completedOn: null,
      outcome: null,
      outcomeReason: null,
      previousReferralId: null,
      sentBy: 'staff-desk',
      version: 1,
    });
    expect(r.history).toEqual([{ from: null, to: 'sent', on: '2024-06-03', actor: desk }]);
    expect(isOpen(r)).toBe(true);
  });

  it('needs the summary among the shared sections and removes duplicates', () => {
    expect(
      expectRule(() => sent({ sharedSections: ['person', 'contacts'] }), ValidationError, 'summary_required')
        .field,
    ).toBe('sharedSections');
    expect(sent({ sharedSections: ['summary', 'contacts', 'summary'] }).sharedSections).toEqual([
      'summary',
      'contacts',
    ]);
  });

  it('needs a reason and a requested service', () => {
    const e = thrown(() => sent({ reason: '  ', requestedService: '' })) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues.map((i) => i.field).sort()).toEqual(['reason', 'requestedService']);
  });

  it('refuses a recipient record that is not the agency named', () => {
    expectRule(() => sent({}, { recipient: station }), PreconditionError, 'recipient_matches');
  });

  it('refuses a referral to oneself', () => {
    expectRule(
      () =>
        sent(
          { toAgencyId: 'desk' },
          { recipient: { id: 'desk', kind: 'municipalHikikomoriDesk', active: true } },
        ),
      PreconditionError,
      'not_to_self',
    );
  });

  it('refuses an inactive recipient', () => {
    expectRule(
      () => sent({}, { recipient: { ...hospital, active: false } }),
      PreconditionError,
      'recipient_active',
    );
  });

  it('refuses a date after today', () => {
    expectRule(() => sent({ sentOn: '2024-06-04' }), PreconditionError, 'date_not_in_future');
  });

  it('refuses a second open referral of the case to the same agency, not a closed one', () => {
    const open = sent();
    expectRule(() => sent({}, { openReferrals: [open] }), PreconditionError, 'open_referral_exists');
    const declined = declineReferral(
      open,
      { on: '2024-06-03', reason: '圏域外', expectedVersion: 1 },
      recipientCtx('2024-06-03'),
    );
    expect(sent({}, { openReferrals: [declined] }).status).toBe('sent');
    const otherCase = { ...open, caseId: 'case-2' };
    expect(sent({}, { openReferrals: [otherCase] }).status).toBe('sent');
  });

  it('lets only the lead agency hand the lead over', () => {
    expect(sent({ kind: 'leadHandover' }).kind).toBe('leadHandover');
    expectRule(
      () => sent({ kind: 'leadHandover' }, { leadAgencyId: 'ccgsc' }),
      ForbiddenError,
      'lead_handover_by_lead_agency',
    );
    // A supporting agency may still refer (the lead stays where it is).
    expect(sent({}, { leadAgencyId: 'ccgsc' }).kind).toBe('referral');
  });

  it('refuses a second open lead handover of the same case, even to another agency', () => {
    const first = sent({ kind: 'leadHandover' });
    expectRule(
      () =>
        sendReferral(
          'ref-2',
          sendInput({ kind: 'leadHandover', toAgencyId: 'ysst' }),
          sendCtx({ recipient: station, openReferrals: [first] }),
        ),
      PreconditionError,
      'lead_handover_open',
    );
    // A plain referral alongside is fine.
    expect(
      sendReferral(
        'ref-2',
        sendInput({ toAgencyId: 'ysst' }),
        sendCtx({ recipient: station, openReferrals: [first] }),
      ).kind,
    ).toBe('referral');
  });
});

describe('legal basis at the send date', () => {
  it('accepts a consent covering the recipient by sector or by id', () => {
    expect(sent().legalBasis).toEqual(byConsent);
    expect(
      sendReferral('ref-2', sendInput({ toAgencyId: 'ysst' }), sendCtx({ recipient: station })).status,
    ).toBe('sent');
  });

  it('refuses a consent that does not cover the recipient', () => {
    const e = thrown(() =>
      sendReferral('ref-2', sendInput({ toAgencyId: 'hw' }), sendCtx({ recipient: helloWork })),
    );
    expect(e).toBeInstanceOf(NoLegalBasisError);
    expect((e as NoLegalBasisError).field).toBe('legalBasis');
  });

  it('refuses a consent given after the send date or not on record', () => {
    const late: Consent = { ...consent, id: 'consent-late', givenOn: '2024-06-10' };
    expect(
      thrown(() =>
        sent(
          { legalBasis: { kind: 'consent', consentId: 'consent-late' } },
          { consents: [late], today: '2024-06-30' },
        ),
      ),
    ).toBeInstanceOf(NoLegalBasisError);
    expect(thrown(() => sent({}, { consents: [] }))).toBeInstanceOf(NoLegalBasisError);
  });

  it('refuses a consent of another case', () => {
    const other: Consent = { ...consent, caseId: 'case-2' };
    expect(thrown(() => sent({}, { consents: [other] }))).toBeInstanceOf(NoLegalBasisError);
  });

  it('accepts a 支援会議 holding both agencies and the case, without consent', () => {
    const r = sendReferral(
      'ref-2',
      sendInput({ toAgencyId: 'hw', legalBasis: byMeeting }),
      sendCtx({ recipient: helloWork, consents: [] }),
    );
    expect(r.legalBasis).toEqual(byMeeting);
  });

  it('refuses a 支援会議 the recipient does not sit in, or before the case was put to it', () => {
    expect(
      thrown(() => sent({ legalBasis: byMeeting }, { consents: [] })), // hospital is not a member
    ).toBeInstanceOf(NoLegalBasisError);
    expect(
      thrown(() =>
        sendReferral(
          'ref-2',
          sendInput({ toAgencyId: 'hw', legalBasis: byMeeting, sentOn: '2024-04-30' }),
          sendCtx({ recipient: helloWork }),
        ),
      ),
    ).toBeInstanceOf(NoLegalBasisError);
  });

  it('follows membership over time: a recipient that left gives no basis from its leaving day', () => {
    const m = removeMeetingMember(addMeetingMember(meeting(), 'hosp', '2024-05-01'), 'hosp', '2024-06-03');
    const withMeeting = (sentOn: string) =>
      sent({ legalBasis: byMeeting, sentOn }, { consents: [], meetings: [m] });
    expect(withMeeting('2024-06-02').status).toBe('sent');
    expect(thrown(() => withMeeting('2024-06-03'))).toBeInstanceOf(NoLegalBasisError);
  });

  it('consent withdrawn between two referrals: the first stands, the second is refused', () => {
    const first = sent({ sentOn: '2024-05-10' }, { today: '2024-05-10' });
    expect(first.status).toBe('sent');

    const withdrawn = withdrawConsent(consent, '2024-06-01');
    const second = () =>
      sendReferral(
        'ref-2',
        sendInput({ toAgencyId: 'ysst', sentOn: '2024-06-15' }),
        sendCtx({ recipient: station, today: '2024-06-15', consents: [withdrawn], openReferrals: [first] }),
      );
    const e = thrown(second);
    expect(e).toBeInstanceOf(NoLegalBasisError);
    expect((e as NoLegalBasisError).message).toContain('withdrawn on 2024-06-01');
    // The earlier referral is unaffected by the withdrawal: the record still shows it was lawful then.
    expect(first.legalBasis).toEqual(byConsent);
    expect(first.status).toBe('sent');
  });

  it('withdrawal takes effect on its date: a share the same day is blocked, the day before is not', () => {
    const withdrawn = withdrawConsent(consent, '2024-06-03');
    expect(thrown(() => sent({ sentOn: '2024-06-03' }, { consents: [withdrawn] }))).toBeInstanceOf(
      NoLegalBasisError,
    );
    expect(sent({ sentOn: '2024-06-02' }, { consents: [withdrawn] }).status).toBe('sent');
  });

  it('after withdrawal the 支援会議 can still carry the share', () => {
    const withdrawn = withdrawConsent(consent, '2024-06-01');
    const m = addMeetingMember(meeting(), 'hosp', '2024-05-01');
    expect(sent({ legalBasis: byMeeting }, { consents: [withdrawn], meetings: [m] }).legalBasis).toEqual(
      byMeeting,
    );
  });
});

describe('answering: accept, decline, withdraw', () => {
  it('the recipient accepts; respondedOn, version and history follow', () => {
    const r = acceptReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx());
    expect(r).toMatchObject({ status: 'accepted', respondedOn: '2024-06-05', version: 2 });
    expect(r.history[1]).toEqual({ from: 'sent', to: 'accepted', on: '2024-06-05', actor: hospitalStaff });
    expect(isOpen(r)).toBe(true);
  });

  it('the recipient declines with a reason; the referral is closed', () => {
    const r = declineReferral(
      sent(),
      { on: '2024-06-05', reason: '圏域外のため訪問不可', expectedVersion: 1 },
      recipientCtx(),
    );
    expect(r).toMatchObject({
      status: 'declined',
      respondedOn: '2024-06-05',
      declineReason: '圏域外のため訪問不可',
      version: 2,
    });
    expect(isOpen(r)).toBe(false);
  });

  it('declining needs a reason', () => {
    const e = thrown(() =>
      declineReferral(sent(), { on: '2024-06-05', reason: '   ', expectedVersion: 1 }, recipientCtx()),
    ) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.field).toBe('reason');
    expect(
      thrown(() =>
        declineReferral(sent(), { on: '2024-06-05', expectedVersion: 1 } as never, recipientCtx()),
      ),
    ).toBeInstanceOf(ValidationError);
  });

  it('the sender withdraws before an answer, with an optional reason', () => {
    const r = withdrawReferral(sent(), { on: '2024-06-04', expectedVersion: 1 }, senderCtx());
    expect(r).toMatchObject({ status: 'withdrawn', withdrawnOn: '2024-06-04', withdrawnReason: null });
    const withReason = withdrawReferral(
      sent(),
      { on: '2024-06-04', reason: '家族が別機関を希望', expectedVersion: 1 },
      senderCtx(),
    );
    expect(withReason.withdrawnReason).toBe('家族が別機関を希望');
    expect(
      withdrawReferral(sent(), { on: '2024-06-04', reason: '  ', expectedVersion: 1 }, senderCtx())
        .withdrawnReason,
    ).toBeNull();
  });

  describe('who may act', () => {
    it('only the recipient accepts or declines', () => {
      expectRule(
        () => acceptReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, senderCtx()),
        ForbiddenError,
        'referral_recipient_only',
      );
      expectRule(
        () =>
          declineReferral(
            sent(),
            { on: '2024-06-05', reason: 'x', expectedVersion: 1 },
            { actor: outsider, today: '2024-06-30' },
          ),
        ForbiddenError,
        'referral_recipient_only',
      );
    });

    it('only the sender withdraws', () => {
      expectRule(
        () => withdrawReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx()),
        ForbiddenError,
        'referral_sender_only',
      );
    });

    it('only the recipient completes', () => {
      const accepted = acceptReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx());
      expectRule(
        () =>
          completeReferral(
            accepted,
            { on: '2024-06-20', outcome: 'connected', expectedVersion: 2 },
            senderCtx(),
          ),
        ForbiddenError,
        'referral_recipient_only',
      );
    });
  });

  describe('dates', () => {
    it('an answer is not before the referral was sent, nor after today', () => {
      expectRule(
        () => acceptReferral(sent(), { on: '2024-06-02', expectedVersion: 1 }, recipientCtx()),
        PreconditionError,
        'date_not_before_sent',
      );
      expectRule(
        () => acceptReferral(sent(), { on: '2024-07-01', expectedVersion: 1 }, recipientCtx('2024-06-30')),
        PreconditionError,
        'date_not_in_future',
      );
      expect(
        acceptReferral(sent(), { on: '2024-06-03', expectedVersion: 1 }, recipientCtx()).respondedOn,
      ).toBe('2024-06-03');
    });

    it('completion is not before the acceptance', () => {
      const accepted = acceptReferral(sent(), { on: '2024-06-10', expectedVersion: 1 }, recipientCtx());
      expectRule(
        () =>
          completeReferral(
            accepted,
            { on: '2024-06-09', outcome: 'connected', expectedVersion: 2 },
            recipientCtx(),
          ),
        PreconditionError,
        'date_not_before_previous_change',
      );
    });
  });

  it('refuses a stale version (optimistic concurrency) and leaves the referral unchanged', () => {
    const r = sent();
    const e = thrown(() => acceptReferral(r, { on: '2024-06-05', expectedVersion: 2 }, recipientCtx()));
    expect(e).toBeInstanceOf(VersionConflictError);
    expect(r.status).toBe('sent');
    expect(r.version).toBe(1);
  });
});

describe('illegal transitions', () => {
  const accepted = () => acceptReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx());
  const declined = () =>
    declineReferral(sent(), { on: '2024-06-05', reason: '定員超過', expectedVersion: 1 }, recipientCtx());
  const withdrawn = () => withdrawReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, senderCtx());
  const completed = () =>
    completeReferral(
      accepted(),
      { on: '2024-06-20', outcome: 'connected', expectedVersion: 2 },
      recipientCtx(),
    ).referral;

  function illegal(fn: () => unknown, from: string, to: string): void {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(IllegalTransitionError);
    expect((e as IllegalTransitionError).from).toBe(from);
    expect((e as IllegalTransitionError).to).toBe(to);
    expect((e as IllegalTransitionError).rule).toBe('referral_transition');
  }

  it('a sent referral cannot be completed without acceptance', () => {
    illegal(
      () =>
        completeReferral(
          sent(),
          { on: '2024-06-20', outcome: 'connected', expectedVersion: 1 },
          recipientCtx(),
        ),
      'sent',
      'completed',
    );
  });

  it('an accepted referral cannot be accepted again, declined or withdrawn', () => {
    illegal(
      () => acceptReferral(accepted(), { on: '2024-06-20', expectedVersion: 2 }, recipientCtx()),
      'accepted',
      'accepted',
    );
    illegal(
      () =>
        declineReferral(accepted(), { on: '2024-06-20', reason: 'x', expectedVersion: 2 }, recipientCtx()),
      'accepted',
      'declined',
    );
    illegal(
      () => withdrawReferral(accepted(), { on: '2024-06-20', expectedVersion: 2 }, senderCtx()),
      'accepted',
      'withdrawn',
    );
  });

  it('declined, withdrawn and completed are final', () => {
    for (const [make, status] of [
      [declined, 'declined'],
      [withdrawn, 'withdrawn'],
      [completed, 'completed'],
    ] as const) {
      illegal(
        () =>
          acceptReferral(
            make(),
            { on: '2024-06-25', expectedVersion: 2 + (status === 'completed' ? 1 : 0) },
            recipientCtx(),
          ),
        status,
        'accepted',
      );
      illegal(
        () =>
          completeReferral(
            make(),
            { on: '2024-06-25', outcome: 'connected', expectedVersion: 2 + (status === 'completed' ? 1 : 0) },
            recipientCtx(),
          ),
        status,
        'completed',
      );
      expect(isOpen(make())).toBe(false);
    }
  });

  it('the transition is checked before who acts: an outsider gets the illegal move, not a permission error', () => {
    illegal(
      () =>
        withdrawReferral(
          declined(),
          { on: '2024-06-25', expectedVersion: 2 },
          { actor: outsider, today: '2024-06-30' },
        ),
      'declined',
      'withdrawn',
    );
  });
});

describe('completion (closing the loop)', () => {
  const accepted = (kind: 'referral' | 'leadHandover' = 'referral') =>
    acceptReferral(sent({ kind }), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx());

  it('connected', () => {
    const { referral, leadHandover } = completeReferral(
      accepted(),
      { on: '2024-06-20', outcome: 'connected', expectedVersion: 2 },
      recipientCtx(),
    );
    expect(referral).toMatchObject({
      status: 'completed',
      completedOn: '2024-06-20',
      outcome: 'connected',
      outcomeReason: null,
      version: 3,
    });
    expect(referral.history.map((h) => h.to)).toEqual(['sent', 'accepted', 'completed']);
    expect(leadHandover).toBeNull(); // a plain referral leaves the lead where it is
  });

  it('notConnected needs a reason', () => {
    expectRule(
      () =>
        completeReferral(
          accepted(),
          { on: '2024-06-20', outcome: 'notConnected', expectedVersion: 2 },
          recipientCtx(),
        ),
      ValidationError,
      'outcome_reason_required',
    );
    expectRule(
      () =>
        completeReferral(
          accepted(),
          { on: '2024-06-20', outcome: 'notConnected', outcomeReason: '  ', expectedVersion: 2 },
          recipientCtx(),
        ),
      ValidationError,
      'outcome_reason_required',
    );
    const { referral } = completeReferral(
      accepted(),
      { on: '2024-06-20', outcome: 'notConnected', outcomeReason: '本人が訪問を拒否', expectedVersion: 2 },
      recipientCtx(),
    );
    expect(referral).toMatchObject({ outcome: 'notConnected', outcomeReason: '本人が訪問を拒否' });
  });

  it('a lead handover completed connected returns the instruction to hand the lead over', () => {
    const { referral, leadHandover } = completeReferral(
      accepted('leadHandover'),
      { on: '2024-06-20', outcome: 'connected', expectedVersion: 2 },
      recipientCtx(),
    );
    expect(leadHandover).toEqual({
      caseId: 'case-1',
      referralId: referral.id,
      previousLeadAgencyId: 'desk',
      newLeadAgencyId: 'hosp',
      effectiveOn: '2024-06-20',
    });
  });

  it('a lead handover that did not connect leaves the lead where it is', () => {
    const { leadHandover } = completeReferral(
      accepted('leadHandover'),
      { on: '2024-06-20', outcome: 'notConnected', outcomeReason: '通院困難', expectedVersion: 2 },
      recipientCtx(),
    );
    expect(leadHandover).toBeNull();
  });
});

describe('pendingAgeDays', () => {
  it('counts days waiting for an answer, 0 on the day sent', () => {
    const r = sent();
    expect(pendingAgeDays(r, '2024-06-03')).toBe(0);
    expect(pendingAgeDays(r, '2024-06-04')).toBe(1);
    expect(pendingAgeDays(r, '2024-07-03')).toBe(30);
    expect(pendingAgeDays(r, '2025-06-03')).toBe(365);
  });

  it('never goes negative', () => {
    expect(pendingAgeDays(sent(), '2024-06-01')).toBe(0);
  });

  it('is null once answered or withdrawn', () => {
    const r = sent();
    expect(
      pendingAgeDays(
        acceptReferral(r, { on: '2024-06-05', expectedVersion: 1 }, recipientCtx()),
        '2024-06-30',
      ),
    ).toBeNull();
    expect(
      pendingAgeDays(
        declineReferral(r, { on: '2024-06-05', reason: 'x', expectedVersion: 1 }, recipientCtx()),
        '2024-06-30',
      ),
    ).toBeNull();
    expect(
      pendingAgeDays(
        withdrawReferral(r, { on: '2024-06-05', expectedVersion: 1 }, senderCtx()),
        '2024-06-30',
      ),
    ).toBeNull();
  });
});

describe('reReferAfterDecline (再紹介)', () => {
  const declined = () =>
    declineReferral(
      sent(),
      { on: '2024-06-10', reason: 'アウトリーチ枠が満員', expectedVersion: 1 },
      recipientCtx(),
    );
  const toStation = (overrides: Partial<SendReferralInput> = {}) =>
    sendInput({ toAgencyId: 'ysst', requestedService: '就労体験', sentOn: '2024-06-12', ...overrides });
  const stationCtx = (overrides: Partial<SendReferralContext> = {}) =>
    sendCtx({ recipient: station, today: '2024-06-30', ...overrides });

  it('sends a new referral to another agency that links back to the declined one', () => {
    const d = declined();
    const r = reReferAfterDecline(d, 'ref-2', toStation(), stationCtx({ openReferrals: [d] }));
    expect(r).toMatchObject({
      id: 'ref-2',
      status: 'sent',
      toAgencyId: 'ysst',
      previousReferralId: 'ref-1',
      version: 1,
    });
    // The new recipient answers it; the agency that declined has no say in it.
    expect(
      acceptReferral(
        r,
        { on: '2024-06-14', expectedVersion: 1 },
        { actor: stationStaff, today: '2024-06-30' },
      ).status,
    ).toBe('accepted');
    expect(
      thrown(() => acceptReferral(r, { on: '2024-06-14', expectedVersion: 1 }, recipientCtx())),
    ).toBeInstanceOf(ForbiddenError);
    // The declined referral stays declined: the record shows every agency that said no.
    expect(d.status).toBe('declined');
    expect(d.declineReason).toBe('アウトリーチ枠が満員');
  });

  it('may be dated the day of the decline, not before', () => {
    expect(
      reReferAfterDecline(declined(), 'ref-2', toStation({ sentOn: '2024-06-10' }), stationCtx()).sentOn,
    ).toBe('2024-06-10');
    expectRule(
      () => reReferAfterDecline(declined(), 'ref-2', toStation({ sentOn: '2024-06-09' }), stationCtx()),
      PreconditionError,
      'date_not_before_decline',
    );
  });

  it('refuses the agency that declined', () => {
    expectRule(
      () =>
        reReferAfterDecline(
          declined(),
          'ref-2',
          sendInput({ sentOn: '2024-06-12' }),
          sendCtx({ today: '2024-06-30' }),
        ),
      PreconditionError,
      'declined_by_same_agency',
    );
  });

  it('follows only a declined referral', () => {
    const accepted = acceptReferral(sent(), { on: '2024-06-05', expectedVersion: 1 }, recipientCtx());
    expectRule(
      () => reReferAfterDecline(sent(), 'ref-2', toStation(), stationCtx()),
      PreconditionError,
      'previous_declined',
    );
    expectRule(
      () => reReferAfterDecline(accepted, 'ref-2', toStation(), stationCtx()),
      PreconditionError,
      'previous_declined',
    );
  });

  it('stays in the same case and with the agency that sent the declined referral', () => {
    expectRule(
      () => reReferAfterDecline(declined(), 'ref-2', toStation({ caseId: 'case-2' }), stationCtx()),
      PreconditionError,
      'same_case',
    );
    expectRule(
      () => reReferAfterDecline(declined(), 'ref-2', toStation(), stationCtx({ actor: outsider })),
      ForbiddenError,
      'referral_sender_only',
    );
  });

  it('still needs a legal basis for the new recipient', () => {
    const withdrawn = withdrawConsent(consent, '2024-06-11');
    expect(
      thrown(() =>
        reReferAfterDecline(declined(), 'ref-2', toStation(), stationCtx({ consents: [withdrawn] })),
      ),
    ).toBeInstanceOf(NoLegalBasisError);
  });
});
