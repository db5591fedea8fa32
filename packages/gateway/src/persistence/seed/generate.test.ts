import {
  ATTEMPT_CHANNELS,
  assertDisclosureAllowed,
  caseAgencyPeriods,
  consultingPartyCategory,
  isKana,
  isValidMunicipalityCode,
  recordContactInputSchema,
  SUPPORT_STAGE_TRANSITIONS,
  stageHistoryProblems,
  statusHistoryProblems,
} from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { generateSeed, seedCases } from './generate.ts';

const today = '2025-06-15';
const seed = generateSeed({ cases: 400, seed: 7, today });
const cases = seedCases(seed);

describe('generateSeed', () => {
  it('gives the same records for the same seed, other records for another', () => {
    const again = seedCases(generateSeed({ cases: 400, seed: 7, today }));
    expect(again).toEqual(cases);
    const other = seedCases(generateSeed({ cases: 400, seed: 8, today }));
    expect(other.map((c) => c.record.openedOn)).not.toEqual(cases.map((c) => c.record.openedOn));
    // A case does not depend on how many come after it: a small seed is a prefix of a larger one.
    expect(seedCases(generateSeed({ cases: 10, seed: 7, today }))).toEqual(cases.slice(0, 10));
  });

  it('makes unique ids across every kind of record', () => {
    const ids = [
      ...seed.agencies.map((a) => a.id),
      ...seed.places.map((p) => p.id),
      ...seed.programmes.map((p) => p.id),
      ...seed.sessions.map((s) => s.id),
      ...cases.flatMap((c) => [
        c.person.id,
        c.record.id,
        ...c.person.household.map((m) => m.id),
        ...c.contacts.map((x) => x.id),
        ...c.assessments.map((x) => x.id),
        ...c.plans.map((x) => x.id),
        ...c.consents.map((x) => x.id),
        ...c.referrals.map((x) => x.id),
        ...c.attendances.map((x) => x.id),
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names everyone and everything as fictitious, with valid municipality codes', () => {
    for (const a of seed.agencies) {
      expect(a.name.startsWith('架空')).toBe(true);
      expect(isValidMunicipalityCode(a.municipalityCode)).toBe(true);
    }
    for (const p of seed.places) expect(p.name.startsWith('架空')).toBe(true);
    for (const { person, record } of cases) {
      expect(person.displayName.startsWith('架空 ')).toBe(true);
      expect(person.kana?.startsWith('かくう ')).toBe(true);
      expect(isKana(person.kana ?? '')).toBe(true);
      expect(isValidMunicipalityCode(record.municipalityCode)).toBe(true);
    }
    // Every kind of agency of the plan is there (21 kinds across the five sectors).
    expect(new Set(seed.agencies.map((a) => a.kind)).size).toBe(21);
  });

  it('keeps every history consistent with the core machines, and the record with its histories', () => {
    for (const c of cases) {
      expect(stageHistoryProblems(c.supportStages, 'person')).toEqual([]);
      expect(stageHistoryProblems(c.familyStages, 'family')).toEqual([]);
      expect(statusHistoryProblems(c.statuses)).toEqual([]);
      expect(c.record.stage).toBe(c.supportStages.at(-1)?.to);
      expect(c.record.familyStage).toBe(c.familyStages.at(-1)?.to ?? null);
      expect(c.record.status.state).toBe(c.statuses.at(-1)?.to);
      expect(c.statuses[0]?.effectiveOn).toBe(c.record.openedOn);
      expect(c.record.openedOn <= today).toBe(true);
    }
  });

  it('enters a stage after encounter only with a reached contact on or before that day', () => {
    let checked = 0;
    for (const c of cases)
      for (const e of c.supportStages) {
        const t = SUPPORT_STAGE_TRANSITIONS.find((x) => x.from === e.from && x.to === e.to);
        if (!t?.requires.includes('directContact')) continue;
        checked++;
        const met = c.contacts.some((k) => k.personContact === 'reached' && k.occurredOn <= e.effectiveOn);
        expect(met, `${c.record.id} ${e.from}→${e.to} on ${e.effectiveOn}`).toBe(true);
      }
    expect(checked).toBeGreaterThan(50);
  });

  it('records contacts the core would accept, only while the case is open, never after today', () => {
    for (const c of cases) {
      for (const k of c.contacts) {
        const parsed = recordContactInputSchema.safeParse({ ...k, note: k.note ?? null });
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        if (k.consultingParty.kind === 'householdMember') {
          const memberId = k.consultingParty.householdMemberId;
          expect(c.person.household.some((m) => m.id === memberId)).toBe(true);
        }
        if (k.personContact === 'attempted') expect(ATTEMPT_CHANNELS).toContain(k.channel);
        expect(k.occurredOn >= c.record.openedOn && k.occurredOn <= today).toBe(true);
      }
      const days = c.contacts.map((k) => k.occurredOn);
      expect(days).toEqual([...days].sort());
    }
  });

  it('has the distributions of DOMAIN.md: parents consult most, the person seldom, many never reached', () => {
    const contacts = cases.flatMap((c) =>
      c.contacts.map((k) => consultingPartyCategory(k.consultingParty, c.person.household)),
    );
    const share = (category: string) => contacts.filter((x) => x === category).length / contacts.length;
    expect(share('parent')).toBeGreaterThan(0.45);
    expect(share('parent')).toBeLessThan(0.7);
    expect(share('person')).toBeGreaterThan(0.04);
    expect(share('person')).toBeLessThan(0.2);
    const neverReached = cases.filter((c) => !c.contacts.some((k) => k.personContact === 'reached')).length;
    expect(neverReached / cases.length).toBeGreaterThan(0.3);
    expect(neverReached / cases.length).toBeLessThan(0.7);
    const channels = cases.flatMap((c) => c.contacts.map((k) => k.channel));
    const top = ['phone', 'officeVisit', 'homeVisit'];
    expect(channels.filter((ch) => top.includes(ch)).length / channels.length).toBeGreaterThan(0.7);
    // Ages skewed to the 20s–50s, some people in their 50s with a parent in their 80s (8050).
    const ages = cases.map((c) => 2025 - Number((c.person.birthYearMonth ?? '2000').slice(0, 4)));
    expect(ages.filter((a) => a >= 20 && a < 60).length / ages.length).toBeGreaterThan(0.7);
    expect(
      cases.some((c) =>
        c.person.household.some(
          (m) => m.relation === 'mother' && m.birthYear !== null && 2025 - m.birthYear >= 80,
        ),
      ),
    ).toBe(true);
    // Regressions, pauses, lost contact, closures and reopenings all occur.
    expect(cases.some((c) => c.supportStages.some((e) => e.direction === 'back'))).toBe(true);
    for (const move of ['paused', 'contactLost', 'closed', 'reopened', 'resumed', 'reEngaged'])
      expect(
        cases.some((c) => c.statuses.some((s) => s.move === move)),
        move,
      ).toBe(true);
    // Support lasts long: a good share of cases have been open for more than three years.
    expect(cases.filter((c) => c.record.openedOn < '2022-06-15').length / cases.length).toBeGreaterThan(0.25);
  });

  it('makes referrals lawful and closed-loop: consent before sending, re-referrals after a decline', () => {
    const referrals = cases.flatMap((c) => c.referrals.map((r) => ({ c, r })));
    expect(referrals.length).toBeGreaterThan(50);
    for (const { c, r } of referrals) {
      expect(r.legalBasis.kind).toBe('consent');
      const consent = c.consents.find(
        (x) => r.legalBasis.kind === 'consent' && x.id === r.legalBasis.consentId,
      );
      expect(consent && consent.givenOn <= r.sentOn).toBe(true);
      expect(r.fromAgencyId).toBe(c.record.leadAgencyId);
      expect(r.toAgencyId).not.toBe(r.fromAgencyId);
      expect(r.history.map((h) => h.on)).toEqual([...r.history.map((h) => h.on)].sort());
      expect(r.history.at(-1)?.to).toBe(r.status);
      if (r.previousReferralId !== null) {
        const previous = c.referrals.find((x) => x.id === r.previousReferralId);
        expect(previous?.status).toBe('declined');
        expect(c.referrals.indexOf(previous as never)).toBeLessThan(c.referrals.indexOf(r));
      }
      if (r.status === 'accepted' || r.status === 'completed')
        expect(c.record.supportingAgencyIds).toContain(r.toAgencyId);
    }
    for (const status of ['sent', 'accepted', 'declined', 'completed'])
      expect(
        referrals.some(({ r }) => r.status === status),
        status,
      ).toBe(true);
    expect(referrals.some(({ r }) => r.previousReferralId !== null)).toBe(true);
  });

  it('puts every supporting agency on the case through a recorded, lawful disclosure', () => {
    let joinedAtIntake = 0;
    for (const c of cases) {
      const periods = caseAgencyPeriods(c.agencyChanges);
      const open = periods.filter((p) => p.leftOn === null);
      expect(open.filter((p) => p.role === 'lead').map((p) => p.agencyId)).toEqual([c.record.leadAgencyId]);
      expect(
        open
          .filter((p) => p.role === 'supporting')
          .map((p) => p.agencyId)
          .sort(),
      ).toEqual([...c.record.supportingAgencyIds].sort());
      for (const p of open.filter((x) => x.role === 'supporting')) {
        if (p.joinedVia === 'opening') joinedAtIntake += 1;
        const to = seed.agencies.find((a) => a.id === p.agencyId);
        expect(
          assertDisclosureAllowed({
            caseId: c.record.id,
            fromAgencyId: c.record.leadAgencyId,
            toAgency: to as never,
            on: p.joinedOn,
            consents: c.consents,
            meetings: [],
            basis: p.legalBasis,
          }),
        ).toEqual(p.legalBasis);
      }
    }
    expect(joinedAtIntake).toBeGreaterThan(0);
  });

  it('records attendance on the session day, once per attendee and session', () => {
    const sessions = new Map(seed.sessions.map((s) => [s.id, s]));
    const all = cases.flatMap((c) => c.attendances);
    expect(all.length).toBeGreaterThan(0);
    const keys = new Set<string>();
    for (const a of all) {
      expect(sessions.get(a.sessionId)?.heldOn).toBe(a.attendedOn);
      const key = `${a.sessionId}|${a.caseId}|${a.attendee.kind === 'person' ? 'person' : a.attendee.householdMemberId}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
  });

  it('spreads the cases over agencies it is given, generating none', () => {
    const [first, second] = seed.agencies;
    const given = generateSeed({ cases: 20, seed: 1, today, agencies: [first, second] as never });
    expect(given.newAgencies).toEqual([]);
    for (const c of seedCases(given)) expect([first?.id, second?.id]).toContain(c.record.leadAgencyId);
  });
});
