import { describe, expect, it } from 'vitest';
import type { HouseholdMember } from '../persons/household.ts';
import { ValidationError } from '../shared/errors.ts';
import {
  CONTACT_MAX_DURATION_MINUTES,
  CONTACT_NOTE_MAX_LENGTH,
  type RecordContactContext,
  type RecordContactInput,
  recordContact,
} from './contact.ts';
import { ATTEMPT_CHANNELS, type ContactChannel, contactChannelSchema } from './contact-vocabulary.ts';

const household: readonly HouseholdMember[] = [
  { id: 'hm-mother', relation: 'mother', displayName: null, birthYear: 1944, livesWithPerson: true },
  { id: 'hm-brother', relation: 'sibling', displayName: '兄', birthYear: 1970, livesWithPerson: false },
];

const now = new Date('2024-07-01T01:00:00Z'); // 2024-07-01 10:00 JST
const ctx: RecordContactContext = { now, household };

function input(overrides: Partial<RecordContactInput> = {}): RecordContactInput {
  return {
    caseId: 'case-1',
    agencyId: 'desk-tsu',
    staffId: 'staff-1',
    occurredOn: '2024-06-28',
    channel: 'phone',
    consultingParty: { kind: 'householdMember', householdMemberId: 'hm-mother' },
    personContact: 'none',
    contents: ['relationshipBuilding'],
    ...overrides,
  };
}

function validationIssues(fn: () => unknown): readonly { field: string; rule: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map(({ field, rule }) => ({ field, rule }));
  }
  throw new Error('expected a ValidationError');
}

describe('recordContact', () => {
  it('builds the record with the caller id, defaults and recordedAt = now', () => {
    const c = recordContact('ct-1', input(), ctx);
    expect(c).toEqual({
      id: 'ct-1',
      caseId: 'case-1',
      agencyId: 'desk-tsu',
      staffId: 'staff-1',
      occurredOn: '2024-06-28',
      channel: 'phone',
      consultingParty: { kind: 'householdMember', householdMemberId: 'hm-mother' },
      personContact: 'none',
      contents: ['relationshipBuilding'],
      durationMinutes: null,
      note: null,
      recordedAt: now,
      version: 1,
      voided: null,
    });
  });

  it('keeps contents in the order given', () => {
    const c = recordContact('ct-1', input({ contents: ['watchingOver', 'visit', 'medical'] }), ctx);
    expect(c.contents).toEqual(['watchingOver', 'visit', 'medical']);
  });

  describe('contents', () => {
    it('needs at least one content', () => {
      expect(validationIssues(() => recordContact('ct-1', input({ contents: [] }), ctx))).toEqual([
        { field: 'contents', rule: 'too_small' },
      ]);
    });

    it('refuses a content listed twice, on the repeated entry', () => {
      expect(
        validationIssues(() =>
          recordContact('ct-1', input({ contents: ['visit', 'watchingOver', 'visit'] }), ctx),
        ),
      ).toEqual([{ field: 'contents.2', rule: 'contents_unique' }]);
    });

    it('refuses an unknown content', () => {
      const issues = validationIssues(() =>
        recordContact('ct-1', input({ contents: ['gossip' as never] }), ctx),
      );
      expect(issues[0]?.field).toBe('contents.0');
    });
  });

  describe('the person as consulting party', () => {
    it('is accepted when the person was reached', () => {
      const c = recordContact(
        'ct-1',
        input({ consultingParty: { kind: 'person' }, personContact: 'reached', channel: 'officeVisit' }),
        ctx,
      );
      expect(c.consultingParty).toEqual({ kind: 'person' });
      expect(c.personContact).toBe('reached');
    });

    it.each(['none', 'attempted'] as const)('is refused with personContact %s', (personContact) => {
      const issues = validationIssues(() =>
        recordContact('ct-1', input({ consultingParty: { kind: 'person' }, personContact }), ctx),
      );
      expect(issues).toContainEqual({
        field: 'personContact',
        rule: 'person_consulting_requires_reached',
      });
    });
  });

  describe('attempted contact', () => {
    it.each(ATTEMPT_CHANNELS)('is recorded on the attempt channel %s', (channel) => {
      const c = recordContact('ct-1', input({ channel, personContact: 'attempted' }), ctx);
      expect(c.personContact).toBe('attempted');
    });

    const nonAttempt = contactChannelSchema.options.filter(
      (ch: ContactChannel) => !ATTEMPT_CHANNELS.includes(ch),
    );

    it('excludes office visits and group activities (only there when someone comes)', () => {
      expect(nonAttempt.sort()).toEqual(['groupActivity', 'officeVisit']);
    });

    it.each(nonAttempt)('is refused on channel %s', (channel) => {
      expect(
        validationIssues(() => recordContact('ct-1', input({ channel, personContact: 'attempted' }), ctx)),
      ).toEqual([{ field: 'personContact', rule: 'attempted_channel' }]);
    });

    it.each(nonAttempt)('reached and none are fine on channel %s', (channel) => {
      expect(recordContact('ct-1', input({ channel, personContact: 'none' }), ctx).channel).toBe(channel);
      expect(recordContact('ct-1', input({ channel, personContact: 'reached' }), ctx).channel).toBe(channel);
    });

    it('reports both rules when the person "consulted" by an attempted office visit', () => {
      const issues = validationIssues(() =>
        recordContact(
          'ct-1',
          input({ consultingParty: { kind: 'person' }, personContact: 'attempted', channel: 'officeVisit' }),
          ctx,
        ),
      );
      expect(issues.map((i) => i.rule).sort()).toEqual([
        'attempted_channel',
        'person_consulting_requires_reached',
      ]);
    });
  });

  describe('duration', () => {
    it('accepts 1 minute up to a whole day', () => {
      expect(recordContact('ct-1', input({ durationMinutes: 1 }), ctx).durationMinutes).toBe(1);
      expect(
        recordContact('ct-1', input({ durationMinutes: CONTACT_MAX_DURATION_MINUTES }), ctx).durationMinutes,
      ).toBe(1440);
    });

    it('treats null and a missing duration as unknown', () => {
      expect(recordContact('ct-1', input({ durationMinutes: null }), ctx).durationMinutes).toBeNull();
      expect(recordContact('ct-1', input(), ctx).durationMinutes).toBeNull();
    });

    it.each([
      [0, 'too_small'],
      [-5, 'too_small'],
      [1441, 'too_big'],
      [12.5, 'invalid_type'],
    ])('refuses %s minutes (%s)', (durationMinutes, rule) => {
      expect(validationIssues(() => recordContact('ct-1', input({ durationMinutes }), ctx))).toEqual([
        { field: 'durationMinutes', rule },
      ]);
    });
  });

  describe('household member as consulting party', () => {
    it('must be in the person household', () => {
      expect(
        validationIssues(() =>
          recordContact(
            'ct-1',
            input({ consultingParty: { kind: 'householdMember', householdMemberId: 'hm-stranger' } }),
            ctx,
          ),
        ),
      ).toEqual([{ field: 'consultingParty.householdMemberId', rule: 'household_member_in_household' }]);
    });

    it('is refused when no household is recorded', () => {
      expect(
        validationIssues(() => recordContact('ct-1', input(), { ...ctx, household: [] })).map((i) => i.rule),
      ).toEqual(['household_member_in_household']);
    });

    it('may be a family member living elsewhere', () => {
      const c = recordContact(
        'ct-1',
        input({ consultingParty: { kind: 'householdMember', householdMemberId: 'hm-brother' } }),
        ctx,
      );
      expect(c.consultingParty).toEqual({ kind: 'householdMember', householdMemberId: 'hm-brother' });
    });

    it('needs no household for agency or anonymous parties', () => {
      const noHousehold = { ...ctx, household: [] };
      expect(
        recordContact('ct-1', input({ consultingParty: { kind: 'agency', agencyId: 'hc-1' } }), noHousehold)
          .consultingParty,
      ).toEqual({ kind: 'agency', agencyId: 'hc-1' });
      expect(
        recordContact('ct-1', input({ consultingParty: { kind: 'anonymous' } }), noHousehold).consultingParty,
      ).toEqual({ kind: 'anonymous' });
    });

    it('refuses a household member without an id', () => {
      const issues = validationIssues(() =>
        recordContact(
          'ct-1',
          input({ consultingParty: { kind: 'householdMember', householdMemberId: '' } }),
          ctx,
        ),
      );
      expect(issues[0]?.field).toBe('consultingParty.householdMemberId');
    });
  });

  describe('date', () => {
    it('is not after today in Japan time (JST is ahead of UTC)', () => {
      // 2024-06-30T16:00Z is already 2024-07-01 in Japan.
      const lateUtc = { ...ctx, now: new Date('2024-06-30T16:00:00Z') };
      expect(recordContact('ct-1', input({ occurredOn: '2024-07-01' }), lateUtc).occurredOn).toBe(
        '2024-07-01',
      );
      expect(
        validationIssues(() => recordContact('ct-1', input({ occurredOn: '2024-07-02' }), lateUtc)),
      ).toEqual([{ field: 'occurredOn', rule: 'not_in_future' }]);
    });

    it('uses the given today over now', () => {
      expect(
        validationIssues(() =>
          recordContact('ct-1', input({ occurredOn: '2024-06-28' }), { ...ctx, today: '2024-06-27' }),
        ),
      ).toEqual([{ field: 'occurredOn', rule: 'not_in_future' }]);
    });

    it('refuses an impossible date', () => {
      expect(
        validationIssues(() => recordContact('ct-1', input({ occurredOn: '2024-02-30' }), ctx))[0]?.field,
      ).toBe('occurredOn');
    });

    it('lists a future date and an unknown household member together', () => {
      const issues = validationIssues(() =>
        recordContact(
          'ct-1',
          input({
            occurredOn: '2025-01-01',
            consultingParty: { kind: 'householdMember', householdMemberId: 'nobody' },
          }),
          ctx,
        ),
      );
      expect(issues.map((i) => i.rule)).toEqual(['not_in_future', 'household_member_in_household']);
    });
  });

  describe('note', () => {
    it('defaults to normal visibility and trims the text', () => {
      const c = recordContact('ct-1', input({ note: { text: '  母より電話。本人は自室。 ' } }), ctx);
      expect(c.note).toEqual({ text: '母より電話。本人は自室。', visibility: 'normal' });
    });

    it.each(['notForFamily', 'notForPerson'] as const)('keeps the %s wall', (visibility) => {
      expect(recordContact('ct-1', input({ note: { text: 'x', visibility } }), ctx).note).toEqual({
        text: 'x',
        visibility,
      });
    });

    it('is never an empty note: blank text is refused, null means no note', () => {
      expect(validationIssues(() => recordContact('ct-1', input({ note: { text: '   ' } }), ctx))).toEqual([
        { field: 'note.text', rule: 'too_small' },
      ]);
      expect(recordContact('ct-1', input({ note: null }), ctx).note).toBeNull();
    });

    it('refuses an unknown visibility and an over-long text', () => {
      expect(
        validationIssues(() =>
          recordContact('ct-1', input({ note: { text: 'x', visibility: 'secret' as never } }), ctx),
        )[0]?.field,
      ).toBe('note.visibility');
      expect(
        validationIssues(() =>
          recordContact('ct-1', input({ note: { text: 'あ'.repeat(CONTACT_NOTE_MAX_LENGTH + 1) } }), ctx),
        ),
      ).toEqual([{ field: 'note.text', rule: 'too_big' }]);
      expect(
        recordContact('ct-1', input({ note: { text: 'あ'.repeat(CONTACT_NOTE_MAX_LENGTH) } }), ctx).note
          ?.text,
      ).toHaveLength(CONTACT_NOTE_MAX_LENGTH);
    });
  });

  it('names every missing field', () => {
    const issues = validationIssues(() => recordContact('ct-1', {} as RecordContactInput, ctx));
    expect(issues.map((i) => i.field).sort()).toEqual(
      [
        'agencyId',
        'caseId',
        'channel',
        'consultingParty',
        'contents',
        'occurredOn',
        'personContact',
        'staffId',
      ].sort(),
    );
  });
});
