import { describe, expect, it } from 'vitest';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import { statusAt } from '../case-status/status-machine.ts';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, ValidationError, VersionConflictError } from '../shared/errors.ts';
import type { LegalBasisRef } from '../sharing/legal-basis.ts';
import {
  type FamilyStageChange,
  type SupportStageChange,
  stageAt,
  stageHistoryProblems,
} from '../stages/stage-history.ts';
import { FAMILY_STAGE_ORDER, SUPPORT_STAGE_ORDER } from '../stages/support-stage.ts';
import {
  addSupportingAgency,
  caseAgencyPeriods,
  handOverLead,
  involvedAgencyIds,
  isInvolvedAgency,
  openingAgencyEntries,
  removeSupportingAgency,
} from './case-agencies.ts';
import {
  type ChangeFamilyStageInput,
  type ChangeStageInput,
  type ChangeStatusInput,
  caseMoveOptions,
  changeFamilyStage,
  changeStage,
  changeStatus,
} from './case-changes.ts';
import { caseStateOn, historyAsSeen } from './case-history.ts';
import { type CaseRecord, type OpenCaseInput, openCase } from './case-record.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'desk-tsu', role: 'staff' };
const now = new Date('2024-12-01T03:00:00Z');
const ctx = { actor, now };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const baseInput: OpenCaseInput = {
  personId: 'person-1',
  municipalityCode: '242012', // Tsu
  leadAgencyId: 'desk-tsu',
  openedOn: '2024-04-01',
};

/** A case with its three histories, applying changes the way a use case would. */
class TestCase {
  record: CaseRecord;
  stages: SupportStageChange[];
  family: FamilyStageChange[];
  statuses: CaseStatusChange[];
  contactOn: string | null = '2024-04-10';

  constructor(input: Partial<OpenCaseInput> = {}) {
    const opened = openCase({ ...baseInput, ...input }, { ...ctx, caseId: 'case-1' });
    this.record = opened.record;
    this.stages = [opened.stageEntry];
    this.family = opened.familyStageEntry ? [opened.familyStageEntry] : [];
    this.statuses = [opened.statusEntry];
  }

  stage(input: Omit<ChangeStageInput, 'expectedVersion'>) {
    const r = changeStage(
      this.record,
      this.stages,
      { ...input, expectedVersion: this.record.version },
      { ...ctx, firstDirectContactOn: this.contactOn },
    );
    this.record = r.record;
    this.stages.push(r.entry);
    return r;
  }

  familyStage(input: Omit<ChangeFamilyStageInput, 'expectedVersion'>) {
    const r = changeFamilyStage(
      this.record,
      this.family,
      { ...input, expectedVersion: this.record.version },
      ctx,
    );
    this.record = r.record;
    this.family.push(r.entry);
    return r;
  }

  status(input: ChangeStatusInput | Record<string, unknown>) {
    const r = changeStatus(
      this.record,
      this.statuses,
      { ...input, expectedVersion: this.record.version } as ChangeStatusInput,
      ctx,
    );
    this.record = r.record;
    this.statuses.push(r.entry);
    return r;
  }
}

describe('openCase', () => {
  it('opens an active case at encounter, version 1, with its first history entries', () => {
    const opened = openCase(baseInput, { ...ctx, caseId: 'case-1' });
    expect(opened.record).toEqual({
      id: 'case-1',
      personId: 'person-1',
      municipalityCode: '242012',
      leadAgencyId: 'desk-tsu',
      supportingAgencyIds: [],
      openedOn: '2024-04-01',
      stage: 'encounter',
      familyStage: null,
      status: { state: 'active', since: '2024-04-01' },
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    expect(opened.stageEntry).toMatchObject({
      caseId: 'case-1',
      track: 'person',
      from: null,
      to: 'encounter',
      direction: 'initial',
      effectiveOn: '2024-04-01',
      sequence: 1,
      actor,
    });
    expect(opened.familyStageEntry).toBeNull();
    expect(opened.statusEntry).toMatchObject({ from: null, to: 'active', move: 'opened', sequence: 1 });
  });

  it('starts the family track when the family consults from the start', () => {
    const opened = openCase({ ...baseInput, familyStage: 'consultation' }, { ...ctx, caseId: 'case-1' });
    expect(opened.record.familyStage).toBe('consultation');
    expect(opened.familyStageEntry).toMatchObject({
      track: 'family',
      from: null,
      to: 'consultation',
      sequence: 1,
    });
  });

  it('validates the municipality code with its check digit', () => {
    const error = thrown(() =>
      openCase({ ...baseInput, municipalityCode: '242013' }, { ...ctx, caseId: 'c' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'municipalityCode', rule: 'municipality_code_check_digit' });
  });

  it('rejects missing ids, the lead among supporting agencies and duplicates', () => {
    expect(thrown(() => openCase({ ...baseInput, personId: ' ' }, { ...ctx, caseId: 'c' }))).toMatchObject({
      field: 'personId',
    });
    expect(
      thrown(() => openCase({ ...baseInput, supportingAgencyIds: ['desk-tsu'] }, { ...ctx, caseId: 'c' })),
    ).toMatchObject({ field: 'supportingAgencyIds.0', rule: 'lead_not_supporting' });
    expect(
      thrown(() => openCase({ ...baseInput, supportingAgencyIds: ['npo', 'npo'] }, { ...ctx, caseId: 'c' })),
    ).toMatchObject({ field: 'supportingAgencyIds.1', rule: 'no_duplicate_agency' });
  });

  it('opens beyond encounter only with a direct contact already on record', () => {
    expect(
      thrown(() => openCase({ ...baseInput, initialStage: 'individual' }, { ...ctx, caseId: 'c' })),
    ).toMatchObject({ rule: 'direct_contact_required', field: 'initialStage' });
    const opened = openCase(
      { ...baseInput, initialStage: 'individual' },
      { ...ctx, caseId: 'c', firstDirectContactOn: '2023-11-20' },
    );
    expect(opened.record.stage).toBe('individual');
  });

  it('refuses an opening date in the future', () => {
    expect(
      thrown(() => openCase({ ...baseInput, openedOn: '2024-12-02' }, { ...ctx, caseId: 'c' })),
    ).toMatchObject({
      rule: 'effective_on_not_in_future',
      field: 'openedOn',
    });
  });
});

describe('changeStage', () => {
  it('moves forward with direct contact, bumping version and updatedAt', () => {
    const c = new TestCase();
    const later = new Date('2024-12-02T00:00:00Z');
    const r = changeStage(
      c.record,
      c.stages,
      { to: 'individual', effectiveOn: '2024-05-01', expectedVersion: 1 },
      { actor, now: later, firstDirectContactOn: '2024-04-10' },
    );
    expect(r.record).toMatchObject({ stage: 'individual', version: 2, updatedAt: later, createdAt: now });
    expect(r.entry).toMatchObject({ from: 'encounter', to: 'individual', sequence: 2, recordedAt: later });
    expect(c.record.stage).toBe('encounter'); // the input record is not mutated
  });

  it('refuses the individual stage without direct contact on record', () => {
    const c = new TestCase();
    c.contactOn = null;
    expect(() => c.stage({ to: 'individual', effectiveOn: '2024-05-01' })).toThrow(
      expect.objectContaining({ rule: 'direct_contact_required' }),
    );
    c.contactOn = '2024-05-01';
    expect(c.stage({ to: 'individual', effectiveOn: '2024-05-01' }).record.stage).toBe('individual');
  });

  it('throws VersionConflictError on a stale expectedVersion', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' }); // now version 2
    const error = thrown(() =>
      changeStage(
        c.record,
        c.stages,
        { to: 'group', effectiveOn: '2024-06-01', expectedVersion: 1 },
        { ...ctx, firstDirectContactOn: '2024-04-10' },
      ),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 1, actualVersion: 2, field: 'expectedVersion' });
    expect(() =>
      changeStatus(
        c.record,
        c.statuses,
        { to: 'contactLost', effectiveOn: '2024-06-01', expectedVersion: 3 },
        ctx,
      ),
    ).toThrow(VersionConflictError);
    expect(() =>
      changeFamilyStage(
        c.record,
        c.family,
        { to: 'consultation', effectiveOn: '2024-06-01', expectedVersion: 1 },
        ctx,
      ),
    ).toThrow(VersionConflictError);
  });

  it('records a regression with its reason in the history', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.stage({ to: 'group', effectiveOn: '2024-06-01' });
    expect(() => c.stage({ to: 'encounter', effectiveOn: '2024-07-01' })).toThrow(
      expect.objectContaining({ rule: 'regression_reason_required' }),
    );
    c.stage({
      to: 'encounter',
      reason: 'reWithdrawal',
      note: 'stopped leaving the room',
      effectiveOn: '2024-07-01',
    });
    expect(c.record.stage).toBe('encounter');
    expect(c.stages.at(-1)).toMatchObject({
      direction: 'back',
      reason: 'reWithdrawal',
      note: 'stopped leaving the room',
    });
    expect(stageAt(c.stages, '2024-06-15')).toBe('group');
    expect(stageHistoryProblems(c.stages, 'person')).toEqual([]);
  });

  it('keeps notes on the history entries with their wall, never on the record (summary)', () => {
    const c = new TestCase({ note: '母が来所', noteVisibility: 'notForPerson' });
    expect(c.stages[0]).toMatchObject({ note: '母が来所', noteVisibility: 'notForPerson' });
    const r = c.status({
      to: 'paused',
      pauseReason: 'other',
      note: '入院のため',
      noteVisibility: 'notForFamily',
      effectiveOn: '2024-06-01',
    });
    expect(r.entry).toMatchObject({ note: '入院のため', noteVisibility: 'notForFamily' });
    expect(JSON.stringify(r.record)).not.toContain('入院');
    const history = { supportStages: c.stages, familyStages: c.family, statuses: c.statuses, agencies: [] };
    const summaryOnly = historyAsSeen(history, () => false);
    expect(summaryOnly.supportStages[0]).toMatchObject({ note: null, noteVisibility: 'normal' });
    expect(summaryOnly.statuses.at(-1)).toMatchObject({
      note: null,
      noteVisibility: 'normal',
      reason: 'other',
    });
    const forPerson = historyAsSeen(history, (v) => v !== 'notForPerson');
    expect(forPerson.supportStages[0]?.note).toBeNull();
    expect(forPerson.statuses.at(-1)?.note).toBe('入院のため');
  });

  it('treats a history that does not end at the record stage as a concurrent change', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    expect(() =>
      changeStage(
        c.record,
        c.stages.slice(0, 1),
        { to: 'group', effectiveOn: '2024-06-01', expectedVersion: c.record.version },
        { ...ctx, firstDirectContactOn: '2024-04-10' },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'VERSION_CONFLICT', rule: 'version_matches', actualVersion: null }),
    );
  });
});

describe('status and stage are independent', () => {
  it('a pause keeps the stage', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    const r = c.status({
      to: 'paused',
      pauseReason: 'personWish',
      reviewOn: '2024-09-01',
      effectiveOn: '2024-06-01',
    });
    expect(r.record.stage).toBe('individual');
    expect(r.record.status).toEqual({
      state: 'paused',
      since: '2024-06-01',
      pauseReason: 'personWish',
      reviewOn: '2024-09-01',
    });
    expect(r.record.version).toBe(3);
    c.status({ to: 'active', effectiveOn: '2024-09-01' });
    expect(c.record.stage).toBe('individual');
  });

  it('contact lost then re-engaged: back to active, stage unchanged', () => {
    const c = new TestCase({ familyStage: 'learning' });
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.stage({ to: 'group', effectiveOn: '2024-06-01' });
    c.status({ to: 'contactLost', effectiveOn: '2024-07-01' });
    expect(c.record).toMatchObject({
      stage: 'group',
      familyStage: 'learning',
      status: { state: 'contactLost' },
    });
    const r = c.status({ to: 'active', effectiveOn: '2024-10-01' });
    expect(r.entry.move).toBe('reEngaged');
    expect(c.record).toMatchObject({ stage: 'group', familyStage: 'learning', status: { state: 'active' } });
    expect(statusAt(c.statuses, '2024-08-01')?.state).toBe('contactLost');
  });

  it('no forward move while paused or contact lost, but a step back can be recorded', () => {
    const c = new TestCase({ familyStage: 'consultation' });
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.status({ to: 'paused', pauseReason: 'hospitalisation', effectiveOn: '2024-06-01' });
    const error = thrown(() => c.stage({ to: 'group', effectiveOn: '2024-06-10' }));
    expect(error).toBeInstanceOf(PreconditionError);
    expect(error).toMatchObject({ rule: 'stage_forward_needs_active_case' });
    expect(() => c.familyStage({ to: 'learning', effectiveOn: '2024-06-10' })).toThrow(
      expect.objectContaining({ rule: 'stage_forward_needs_active_case' }),
    );
    c.stage({ to: 'encounter', reason: 'healthDeterioration', effectiveOn: '2024-06-10' });
    expect(c.record).toMatchObject({ stage: 'encounter', status: { state: 'paused' } });

    c.status({ to: 'contactLost', effectiveOn: '2024-07-01' });
    expect(() => c.stage({ to: 'individual', effectiveOn: '2024-07-02' })).toThrow(
      expect.objectContaining({ rule: 'stage_forward_needs_active_case' }),
    );
  });

  it('a back move is recorded while contact is lost', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.status({ to: 'contactLost', effectiveOn: '2024-06-01' });
    c.stage({ to: 'encounter', reason: 'lostContact', effectiveOn: '2024-06-01' });
    expect(c.record).toMatchObject({ stage: 'encounter', status: { state: 'contactLost' } });
  });
});

describe('caseStateOn: where a case stood on a date', () => {
  it('reads stage, family stage and status in force on each date from the histories', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.familyStage({ to: 'consultation', effectiveOn: '2024-05-10' });
    c.status({ to: 'paused', pauseReason: 'personWish', reviewOn: '2024-09-01', effectiveOn: '2024-06-01' });
    c.status({ to: 'active', effectiveOn: '2024-09-01' });
    const history = { supportStages: c.stages, familyStages: c.family, statuses: c.statuses };
    expect(caseStateOn(history, '2024-03-31')).toBeNull();
    expect(caseStateOn(history, '2024-04-01')).toEqual({
      on: '2024-04-01',
      stage: 'encounter',
      familyStage: null,
      status: { state: 'active', since: '2024-04-01' },
    });
    expect(caseStateOn(history, '2024-05-10')).toMatchObject({
      stage: 'individual',
      familyStage: 'consultation',
    });
    expect(caseStateOn(history, '2024-07-15')).toMatchObject({
      stage: 'individual',
      status: { state: 'paused', since: '2024-06-01', pauseReason: 'personWish', reviewOn: '2024-09-01' },
    });
    expect(caseStateOn(history, '2024-09-01')?.status).toEqual({ state: 'active', since: '2024-09-01' });
  });

  it('counts a back-dated move from the day it took effect, and the later of two moves on one day', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.stage({ to: 'encounter', reason: 'healthDeterioration', effectiveOn: '2024-05-01' });
    const history = { supportStages: c.stages, familyStages: c.family, statuses: c.statuses };
    expect(caseStateOn(history, '2024-04-30')?.stage).toBe('encounter');
    expect(caseStateOn(history, '2024-05-01')?.stage).toBe('encounter');
    // Loaded in any order, the answer is the same.
    const shuffled = { ...history, supportStages: [...c.stages].reverse() };
    expect(caseStateOn(shuffled, '2024-05-01')?.stage).toBe('encounter');
  });
});

describe('closure and reopening', () => {
  it('closing with reason "other" needs a note', () => {
    const c = new TestCase();
    expect(
      thrown(() => c.status({ to: 'closed', closureReason: 'other', effectiveOn: '2024-06-01' })),
    ).toMatchObject({
      field: 'note',
      rule: 'note_required_for_other',
    });
    const r = c.status({
      to: 'closed',
      closureReason: 'other',
      note: 'family declined further contact',
      effectiveOn: '2024-06-01',
    });
    expect(r.record.status).toEqual({ state: 'closed', since: '2024-06-01', closureReason: 'other' });
    expect(r.entry.note).toBe('family declined further contact');
  });

  it('a closed case refuses stage and family stage changes, then reopens and moves again', () => {
    const c = new TestCase({ familyStage: 'consultation' });
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    c.status({ to: 'closed', closureReason: 'selfChosenPath', effectiveOn: '2024-06-01' });
    expect(c.record.stage).toBe('individual'); // closure keeps the last stage for the record
    for (const move of [
      () => c.stage({ to: 'group', effectiveOn: '2024-06-10' }),
      () => c.stage({ to: 'encounter', reason: 'reWithdrawal', effectiveOn: '2024-06-10' }),
      () => c.familyStage({ to: 'learning', effectiveOn: '2024-06-10' }),
    ]) {
      const error = thrown(move);
      expect(error).toBeInstanceOf(PreconditionError);
      expect(error).toMatchObject({ rule: 'case_closed' });
    }
    expect(() => c.status({ to: 'paused', pauseReason: 'personWish', effectiveOn: '2024-06-10' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION', from: 'closed', to: 'paused' }),
    );

    const r = c.status({ to: 'active', reopenReason: 'reWithdrawal', effectiveOn: '2024-11-01' });
    expect(r.entry).toMatchObject({ move: 'reopened', reason: 'reWithdrawal', from: 'closed' });
    expect(c.record).toMatchObject({ status: { state: 'active', since: '2024-11-01' }, stage: 'individual' });
    c.stage({ to: 'encounter', reason: 'reWithdrawal', effectiveOn: '2024-11-01' });
    expect(c.record.stage).toBe('encounter');
  });
});

describe('family track', () => {
  it('family moves never change the person stage and vice versa', () => {
    const c = new TestCase();
    c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
    const started = c.familyStage({ to: 'consultation', effectiveOn: '2024-05-10' });
    expect(started.entry).toMatchObject({ track: 'family', from: null, direction: 'initial', sequence: 1 });
    c.familyStage({ to: 'learning', effectiveOn: '2024-06-01' });
    c.familyStage({ to: 'peerSupport', effectiveOn: '2024-07-01' });
    c.familyStage({ to: 'consultation', reason: 'householdChange', effectiveOn: '2024-08-01' });
    expect(c.record).toMatchObject({ stage: 'individual', familyStage: 'consultation' });
    expect(c.stages).toHaveLength(2);

    c.stage({ to: 'group', effectiveOn: '2024-09-01' });
    expect(c.record).toMatchObject({ stage: 'group', familyStage: 'consultation' });
    expect(c.family).toHaveLength(4);
    expect(stageHistoryProblems(c.family, 'family')).toEqual([]);
  });

  it('starting the family track takes no regression reason', () => {
    const c = new TestCase();
    expect(() => c.familyStage({ to: 'consultation', reason: 'crisis', effectiveOn: '2024-05-10' })).toThrow(
      expect.objectContaining({ field: 'reason', rule: 'forward_reason_is_progress' }),
    );
  });

  it('treats a family history that does not match the record as a concurrent change', () => {
    const c = new TestCase({ familyStage: 'consultation' });
    expect(() =>
      changeFamilyStage(c.record, [], { to: 'learning', effectiveOn: '2024-06-01', expectedVersion: 1 }, ctx),
    ).toThrow(
      expect.objectContaining({ code: 'VERSION_CONFLICT', rule: 'version_matches', actualVersion: null }),
    );
  });
});

describe('lead and supporting agencies', () => {
  const consent = { kind: 'consent', consentId: 'consent-1' } as const;
  const meeting = { kind: 'supportMeeting', meetingId: 'meeting-1' } as const;
  const joined = (effectiveOn = '2024-05-01') => ({
    legalBasis: consent,
    effectiveOn,
    via: 'added' as const,
  });
  const left = (effectiveOn = '2024-06-01') => ({ effectiveOn, via: 'removed' as const });

  it('adds and removes supporting agencies, never the lead, never twice, each recorded with its basis', () => {
    const c = new TestCase();
    const a = addSupportingAgency(c.record, [], 'health-centre', joined(), ctx);
    expect(a.record).toMatchObject({ supportingAgencyIds: ['health-centre'], version: 2 });
    expect(a.entries).toEqual([
      expect.objectContaining({
        caseId: 'case-1',
        sequence: 1,
        agencyId: 'health-centre',
        role: 'supporting',
        change: 'joined',
        via: 'added',
        legalBasis: consent,
        effectiveOn: '2024-05-01',
        actor,
      }),
    ]);
    expect(
      thrown(() => addSupportingAgency(a.record, a.entries, 'health-centre', joined(), ctx)),
    ).toMatchObject({
      rule: 'no_duplicate_agency',
    });
    expect(thrown(() => addSupportingAgency(a.record, a.entries, 'desk-tsu', joined(), ctx))).toMatchObject({
      rule: 'lead_not_supporting',
    });
    expect(() => addSupportingAgency(a.record, a.entries, '', joined(), ctx)).toThrow(ValidationError);
    const b = addSupportingAgency(a.record, a.entries, 'npo-family-association', joined(), ctx);
    const history = [...a.entries, ...b.entries];
    expect(involvedAgencyIds(b.record)).toEqual(['desk-tsu', 'health-centre', 'npo-family-association']);
    expect(isInvolvedAgency(b.record, 'health-centre')).toBe(true);
    const r = removeSupportingAgency(b.record, history, 'health-centre', left(), ctx);
    expect(r.record).toMatchObject({ supportingAgencyIds: ['npo-family-association'], version: 4 });
    expect(r.entries).toEqual([
      expect.objectContaining({ sequence: 3, change: 'left', via: 'removed', legalBasis: null }),
    ]);
    expect(isInvolvedAgency(r.record, 'health-centre')).toBe(false);
    expect(
      thrown(() => removeSupportingAgency(r.record, history, 'health-centre', left(), ctx)),
    ).toMatchObject({
      rule: 'agency_is_supporting',
    });
    expect(thrown(() => removeSupportingAgency(r.record, history, 'desk-tsu', left(), ctx))).toMatchObject({
      rule: 'lead_not_removable',
    });
    expect(caseAgencyPeriods([...history, ...r.entries])).toEqual([
      expect.objectContaining({
        agencyId: 'health-centre',
        joinedOn: '2024-05-01',
        legalBasis: consent,
        leftOn: '2024-06-01',
        leftVia: 'removed',
        leftBy: actor,
      }),
      expect.objectContaining({ agencyId: 'npo-family-association', leftOn: null, leftVia: null }),
    ]);
  });

  it('dates a membership change within the case and after the agency’s own last change', () => {
    const c = new TestCase();
    expect(thrown(() => addSupportingAgency(c.record, [], 'npo', joined('2024-03-31'), ctx))).toMatchObject({
      field: 'joinedOn',
      rule: 'not_before_case_opened',
    });
    expect(thrown(() => addSupportingAgency(c.record, [], 'npo', joined('2024-12-02'), ctx))).toMatchObject({
      field: 'joinedOn',
      rule: 'date_not_in_future',
    });
    const a = addSupportingAgency(c.record, [], 'npo', joined('2024-05-01'), ctx);
    expect(
      thrown(() => removeSupportingAgency(a.record, a.entries, 'npo', left('2024-04-30'), ctx)),
    ).toMatchObject({ field: 'leftOn', rule: 'not_before_previous_change' });
  });

  it('hands over the lead: the previous lead stays on only with a basis of its own', () => {
    const c = new TestCase({ supportingAgencyIds: ['elder-care-centre', 'hikikomori-centre'] });
    const bases = new Map<string, LegalBasisRef>([
      ['elder-care-centre', consent],
      ['hikikomori-centre', meeting],
    ]);
    const opening = openingAgencyEntries(c.record, bases, ctx);
    expect(opening.map((e) => [e.agencyId, e.role, e.via, e.legalBasis])).toEqual([
      ['desk-tsu', 'lead', 'opening', null],
      ['elder-care-centre', 'supporting', 'opening', consent],
      ['hikikomori-centre', 'supporting', 'opening', meeting],
    ]);
    const handover = (to: string, stays: LegalBasisRef | null) =>
      handOverLead(
        c.record,
        opening,
        to,
        { legalBasis: meeting, effectiveOn: '2024-07-01', previousLeadStaysOn: stays },
        ctx,
      );
    const kept = handover('hikikomori-centre', consent);
    expect(kept.record).toMatchObject({
      leadAgencyId: 'hikikomori-centre',
      supportingAgencyIds: ['elder-care-centre', 'desk-tsu'],
      version: 2,
    });
    expect(kept.entries.map((e) => [e.sequence, e.agencyId, e.role, e.change, e.legalBasis])).toEqual([
      [4, 'hikikomori-centre', 'supporting', 'left', null],
      [5, 'hikikomori-centre', 'lead', 'joined', meeting],
      [6, 'desk-tsu', 'lead', 'left', null],
      [7, 'desk-tsu', 'supporting', 'joined', consent],
    ]);
    const periods = caseAgencyPeriods([...opening, ...kept.entries]);
    expect(periods.filter((p) => p.leftOn === null).map((p) => [p.agencyId, p.role])).toEqual([
      ['elder-care-centre', 'supporting'],
      ['hikikomori-centre', 'lead'],
      ['desk-tsu', 'supporting'],
    ]);
    const dropped = handover('youth-support-station', null);
    expect(dropped.record).toMatchObject({
      leadAgencyId: 'youth-support-station',
      supportingAgencyIds: ['elder-care-centre', 'hikikomori-centre'],
    });
    expect(involvedAgencyIds(dropped.record)).not.toContain('desk-tsu');
    expect(thrown(() => handover('desk-tsu', consent))).toMatchObject({ rule: 'new_lead_differs' });
    // The stage and status are untouched by agency changes.
    expect(kept.record).toMatchObject({ stage: c.record.stage, status: c.record.status });
  });

  it('a closed case takes no new agency and no handover, but can lose one', () => {
    const c = new TestCase({ supportingAgencyIds: ['npo'] });
    c.status({ to: 'closed', closureReason: 'movedAway', effectiveOn: '2024-06-01' });
    expect(thrown(() => addSupportingAgency(c.record, [], 'other', joined(), ctx))).toMatchObject({
      rule: 'case_closed',
    });
    expect(
      thrown(() =>
        handOverLead(
          c.record,
          [],
          'npo',
          { legalBasis: consent, effectiveOn: '2024-06-01', previousLeadStaysOn: null },
          ctx,
        ),
      ),
    ).toMatchObject({ rule: 'case_closed' });
    expect(removeSupportingAgency(c.record, [], 'npo', left(), ctx).record.supportingAgencyIds).toEqual([]);
  });
});

describe('caseMoveOptions: the moves a screen may offer', () => {
  const lead: Actor = actor;
  const supporting: Actor = { staffId: 'staff-2', agencyId: 'station', role: 'staff' };
  const outsider: Actor = { staffId: 'staff-3', agencyId: 'elsewhere', role: 'staff' };
  const admin: Actor = { staffId: 'admin-1', agencyId: 'desk-tsu', role: 'agencyAdmin' };

  /** Every stage of both tracks and every state, tried for real: offered exactly when accepted. */
  function assertOfferedIsAccepted(make: () => TestCase) {
    const offered = caseMoveOptions(lead, make().record);
    for (const to of SUPPORT_STAGE_ORDER.filter((s) => s !== make().record.stage)) {
      const option = offered.stage.find((o) => o.to === to);
      const accepted = succeeds(() =>
        make().stage({
          to,
          effectiveOn: '2024-11-01',
          ...(option?.reasonRequired ? { reason: 'crisis' } : {}),
        }),
      );
      expect({ to, offered: option !== undefined }).toEqual({ to, offered: accepted });
    }
    for (const to of FAMILY_STAGE_ORDER.filter((s) => s !== make().record.familyStage)) {
      const option = offered.familyStage.find((o) => o.to === to);
      const accepted = succeeds(() =>
        make().familyStage({
          to,
          effectiveOn: '2024-11-01',
          ...(option?.reasonRequired ? { reason: 'crisis' } : {}),
        }),
      );
      expect({ to, offered: option !== undefined }).toEqual({ to, offered: accepted });
    }
    for (const to of ['active', 'paused', 'contactLost', 'closed'] as const) {
      const option = offered.status.find((o) => o.to === to);
      const reasons = {
        pause: { pauseReason: 'stable' },
        closure: { closureReason: 'work' },
        reopen: { reopenReason: 'newConsultation' },
      };
      const accepted = succeeds(() =>
        make().status({ to, effectiveOn: '2024-11-01', ...(option?.needs ? reasons[option.needs] : {}) }),
      );
      expect({ to, offered: option !== undefined }).toEqual({ to, offered: accepted });
    }
  }

  function succeeds(fn: () => unknown): boolean {
    try {
      fn();
      return true;
    } catch {
      return false;
    }
  }

  it('offers exactly the moves the machines accept, in every state', () => {
    const individual = () => {
      const c = new TestCase({ familyStage: 'learning' });
      c.stage({ to: 'individual', effectiveOn: '2024-05-01' });
      return c;
    };
    assertOfferedIsAccepted(individual);
    assertOfferedIsAccepted(() => {
      const c = individual();
      c.status({ to: 'paused', pauseReason: 'stable', effectiveOn: '2024-06-01' });
      return c;
    });
    assertOfferedIsAccepted(() => {
      const c = individual();
      c.status({ to: 'contactLost', effectiveOn: '2024-06-01' });
      return c;
    });
    assertOfferedIsAccepted(() => {
      const c = individual();
      c.status({ to: 'closed', closureReason: 'work', effectiveOn: '2024-06-01' });
      return c;
    });
    assertOfferedIsAccepted(() => new TestCase());
  });

  it('offers nothing to those who may not change the case, and closing only to the lead', () => {
    const c = new TestCase({ supportingAgencyIds: ['station'] });
    expect(caseMoveOptions(outsider, c.record)).toEqual({ stage: [], familyStage: [], status: [] });
    expect(caseMoveOptions(admin, c.record)).toEqual({ stage: [], familyStage: [], status: [] });
    const bySupporting = caseMoveOptions(supporting, c.record);
    expect(bySupporting.stage.map((o) => o.to)).toEqual(['individual']);
    expect(bySupporting.status.map((o) => o.to)).toEqual(['paused', 'contactLost']);
    expect(caseMoveOptions(lead, c.record).status.map((o) => o.to)).toEqual([
      'paused',
      'contactLost',
      'closed',
    ]);
    expect(caseMoveOptions(lead, c.record).stage).toEqual([
      { to: 'individual', direction: 'forward', reasonRequired: false },
    ]);
  });
});
