import { describe, expect, it } from 'vitest';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import { consentCovers, isConsentInForce, recordConsent, withdrawConsent } from './consent.ts';

const base = {
  caseId: 'case-1',
  givenBy: { kind: 'person' as const },
  scope: { agencyIds: ['agency-hw'], sectors: ['health' as const] },
  givenOn: '2024-05-01',
};

describe('consent (情報共有への同意)', () => {
  it('records a consent with normalised scope and note', () => {
    const c = recordConsent('c-1', {
      ...base,
      scope: { agencyIds: ['a', 'a'], sectors: ['health', 'health'] },
      note: '  ',
    });
    expect(c).toEqual({
      id: 'c-1',
      caseId: 'case-1',
      givenBy: { kind: 'person' },
      scope: { agencyIds: ['a'], sectors: ['health'] },
      givenOn: '2024-05-01',
      withdrawnOn: null,
      note: null,
    });
  });

  it('records who gave it: the person or a household member', () => {
    const byMother = recordConsent('c-2', {
      ...base,
      givenBy: { kind: 'householdMember', householdMemberId: 'hm-1' },
    });
    expect(byMother.givenBy).toEqual({ kind: 'householdMember', householdMemberId: 'hm-1' });
    try {
      recordConsent('c-3', { ...base, givenBy: { kind: 'householdMember' } as never });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).field).toBe('givenBy.householdMemberId');
    }
  });

  it('needs at least one agency or sector in its scope', () => {
    try {
      recordConsent('c-1', { ...base, scope: { agencyIds: [], sectors: [] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('scope');
      expect((e as ValidationError).rule).toBe('scope_not_empty');
    }
    expect(recordConsent('c-1', { ...base, scope: { sectors: ['welfare'] } }).scope.agencyIds).toEqual([]);
    expect(() => recordConsent('c-1', { ...base, givenOn: '2024-02-30' })).toThrow(ValidationError);
  });

  it('is withdrawn once, not before it was given', () => {
    const c = recordConsent('c-1', base);
    const w = withdrawConsent(c, '2024-06-01');
    expect(w.withdrawnOn).toBe('2024-06-01');
    expect(c.withdrawnOn).toBeNull();
    expect(withdrawConsent(c, '2024-05-01').withdrawnOn).toBe('2024-05-01');
    expect(() => withdrawConsent(c, '2024-04-30')).toThrow(PreconditionError);
    try {
      withdrawConsent(w, '2024-07-01');
      expect.unreachable();
    } catch (e) {
      expect((e as PreconditionError).rule).toBe('consent_not_withdrawn');
    }
    expect(() => withdrawConsent(c, 'soon')).toThrow(ValidationError);
  });

  it('is in force from the day given until the day before withdrawal', () => {
    const w = withdrawConsent(recordConsent('c-1', base), '2024-06-01');
    expect(isConsentInForce(w, '2024-04-30')).toBe(false);
    expect(isConsentInForce(w, '2024-05-01')).toBe(true);
    expect(isConsentInForce(w, '2024-05-31')).toBe(true);
    expect(isConsentInForce(w, '2024-06-01')).toBe(false);
  });

  it('covers an agency named in it or any agency of a sector in it', () => {
    const c = recordConsent('c-1', base);
    expect(consentCovers(c, { id: 'agency-hw', kind: 'helloWork' })).toBe(true);
    expect(consentCovers(c, { id: 'agency-hosp', kind: 'medicalInstitution' })).toBe(true);
    expect(consentCovers(c, { id: 'agency-x', sector: 'health' })).toBe(true);
    expect(consentCovers(c, { id: 'agency-ys', kind: 'youthSupportStation' })).toBe(false);
    expect(consentCovers(c, { id: 'agency-npo', sector: 'other' })).toBe(false);
  });
});
