import { describe, expect, it } from 'vitest';
import { caseAgencyPeriods } from '../cases/case-agencies.ts';
import { disclosureCsv, WITHHELD_MARK } from '../disclosure/disclosure-csv.ts';
import { ERASED_TEXT, PSEUDONYMISED_LABEL } from '../retention/retention.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { type ContractWorld, contractWorld, type RegisterFactory } from './contract-world.ts';

/** A stand-in for the SHA-256 hex of an invitation secret (the gateway makes and hashes real ones). */
const hashOf = (n: number) => n.toString(16).padStart(64, '0');

/** The error a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected a refusal');
}

/**
 * Lawful disclosure and privacy, as one shared suite run on every storage (memory, SQLite,
 * PostgreSQL): every disclosure to another agency rests on a recorded legal basis, notes stay out of
 * the summary, the lead sees who read its case, agencies join the network by invitation, records are
 * disclosed to the person with the note walls applied, and closed cases are pseudonymised after the
 * retention period.
 */
export function describePrivacyContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, referToHospital } = contractWorld(makeRegister);

  const consentFor = (t: ContractWorld, caseId: string, scope: { agencyIds?: string[]; sectors?: never[] }) =>
    t.register.sharing.recordConsent(t.worker, {
      caseId,
      givenBy: { kind: 'person' },
      scope,
      givenOn: '2023-06-01',
    });

  describe(`lawful disclosure (${storage})`, () => {
    it('adds a supporting agency only on a legal basis, and records the period with it', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const add = (version: number, extra: Record<string, unknown> = {}) =>
        t.register.cases.addSupportingAgency(t.worker, opened.id, {
          agencyId: t.hospital.id,
          expectedVersion: version,
          ...extra,
        });
      expect(await refusal(add(1))).toMatchObject({
        code: 'NO_LEGAL_BASIS',
        field: 'legalBasis',
        rule: 'legal_basis_required',
      });
      const forStation = await consentFor(t, opened.id, { agencyIds: [t.station.id] });
      expect(
        await refusal(add(1, { legalBasis: { kind: 'consent', consentId: forStation.id } })),
      ).toMatchObject({ code: 'NO_LEGAL_BASIS', field: 'legalBasis', rule: 'consent_covers_recipient' });
      // Nothing was written by the refusals: the hospital still cannot see the case.
      await expect(t.register.cases.get(t.hospitalWorker, opened.id)).rejects.toBeInstanceOf(ForbiddenError);

      const forHospital = await consentFor(t, opened.id, { agencyIds: [t.hospital.id] });
      const added = await add(1);
      expect(added.supportingAgencyIds).toEqual([t.hospital.id]);
      const history = await t.register.cases.history(t.worker, opened.id);
      expect(caseAgencyPeriods(history.agencies)).toEqual([
        expect.objectContaining({
          agencyId: t.centre.id,
          role: 'lead',
          joinedVia: 'opening',
          legalBasis: null,
        }),
        expect.objectContaining({
          agencyId: t.hospital.id,
          role: 'supporting',
          joinedOn: '2023-06-01',
          joinedVia: 'added',
          joinedBy: t.worker,
          legalBasis: { kind: 'consent', consentId: forHospital.id },
          leftOn: null,
        }),
      ]);

      t.setToday('2023-07-01');
      await t.register.cases.removeSupportingAgency(t.hospitalWorker, opened.id, {
        agencyId: t.hospital.id,
        expectedVersion: added.version,
      });
      const after = await t.register.cases.history(t.worker, opened.id);
      expect(caseAgencyPeriods(after.agencies)[1]).toMatchObject({
        leftOn: '2023-07-01',
        leftVia: 'withdrew',
        leftBy: t.hospitalWorker,
      });
    });

    it('takes an agency off the case when the consent it joined on is withdrawn and nothing else covers it', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const consent = await consentFor(t, opened.id, { agencyIds: [t.hospital.id, t.station.id] });
      const meeting = await t.register.sharing.establishMeeting(t.worker, {
        municipalityCode: '242012',
        name: '架空市支援会議',
        establishedOn: '2023-06-01',
        memberAgencyIds: [t.station.id],
      });
      await t.register.sharing.addMeetingCase(t.worker, meeting.id, opened.id, '2023-06-01');
      const first = await t.register.cases.addSupportingAgency(t.worker, opened.id, {
        agencyId: t.hospital.id,
        expectedVersion: 1,
      });
      await t.register.cases.addSupportingAgency(t.worker, opened.id, {
        agencyId: t.station.id,
        expectedVersion: first.version,
        legalBasis: { kind: 'consent', consentId: consent.id },
      });
      t.setToday('2023-08-01');
      await t.register.sharing.withdrawConsent(t.worker, consent.id, '2023-08-01');
      // The hospital rested on the consent alone; the station sits in the 支援会議 with the case.
      await expect(t.register.cases.get(t.hospitalWorker, opened.id)).rejects.toBeInstanceOf(ForbiddenError);
      const record = await t.register.cases.get(t.stationWorker, opened.id);
      expect(record.record.supportingAgencyIds).toEqual([t.station.id]);
      const periods = caseAgencyPeriods((await t.register.cases.history(t.worker, opened.id)).agencies);
      expect(periods.find((p) => p.agencyId === t.hospital.id)).toMatchObject({
        leftOn: '2023-08-01',
        leftVia: 'consentWithdrawn',
        leftBy: t.worker,
      });
      expect(periods.find((p) => p.agencyId === t.station.id)?.leftOn).toBeNull();
    });

    it('takes a 支援会議 both agencies sit in, with the case before it, as the basis', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const meeting = await t.register.sharing.establishMeeting(t.worker, {
        municipalityCode: '242012',
        name: '架空市支援会議',
        establishedOn: '2023-06-01',
        memberAgencyIds: [t.station.id],
      });
      const add = () =>
        t.register.cases.addSupportingAgency(t.worker, opened.id, {
          agencyId: t.station.id,
          expectedVersion: 1,
          legalBasis: { kind: 'supportMeeting', meetingId: meeting.id },
        });
      expect(await refusal(add())).toMatchObject({ code: 'NO_LEGAL_BASIS', rule: 'case_before_meeting' });
      await t.register.sharing.addMeetingCase(t.worker, meeting.id, opened.id, '2023-06-01');
      await add();
      const history = await t.register.cases.history(t.stationWorker, opened.id);
      expect(history.agencies.at(-1)).toMatchObject({
        agencyId: t.station.id,
        legalBasis: { kind: 'supportMeeting', meetingId: meeting.id },
      });
    });

    it('opens a case with supporting agencies only when an intake consent covers each of them', async () => {
      const t = await setUp();
      const request = (consents: Parameters<typeof t.register.cases.open>[1]['consents']) =>
        t.register.cases.open(t.worker, {
          person: {
            displayName: '架空 次郎',
            municipalityCode: '242012',
            household: [{ ref: 'mother', relation: 'mother', birthYear: 1950, livesWithPerson: true }],
          },
          case: { municipalityCode: '242012', openedOn: '2023-06-01', supportingAgencyIds: [t.hospital.id] },
          consents,
        });
      expect(await refusal(request([]))).toMatchObject({
        code: 'NO_LEGAL_BASIS',
        field: 'case.supportingAgencyIds.0',
        rule: 'legal_basis_required',
      });
      expect(
        await refusal(
          request([
            {
              givenBy: { kind: 'householdMember', householdMemberId: 'mother' },
              scope: { sectors: ['education'] },
              givenOn: '2023-06-01',
            },
          ]),
        ),
      ).toMatchObject({ code: 'NO_LEGAL_BASIS', field: 'case.supportingAgencyIds.0' });
      // Refused openings left nothing behind.
      expect((await t.register.cases.list(t.worker)).items).toEqual([]);

      const opened = await request([
        {
          givenBy: { kind: 'householdMember', householdMemberId: 'mother' },
          scope: { sectors: ['health'] },
          givenOn: '2023-06-01',
          note: '受付票の同意欄',
        },
      ]);
      const mother = opened.person.household[0];
      expect(opened.consents).toEqual([
        expect.objectContaining({ givenBy: { kind: 'householdMember', householdMemberId: mother?.id } }),
      ]);
      const history = await t.register.cases.history(t.hospitalWorker, opened.case.id);
      expect(history.agencies.map((e) => [e.agencyId, e.role, e.via, e.legalBasis])).toEqual([
        [t.centre.id, 'lead', 'opening', null],
        [t.hospital.id, 'supporting', 'opening', { kind: 'consent', consentId: opened.consents[0]?.id }],
      ]);
    });

    it('hands over the lead on a basis for the new lead, and keeps the previous one only on its own', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const handOver = (extra: Record<string, unknown> = {}) =>
        t.register.cases.handOverLead(t.worker, opened.id, {
          newLeadAgencyId: t.station.id,
          expectedVersion: 1,
          ...extra,
        });
      expect(await refusal(handOver())).toMatchObject({ code: 'NO_LEGAL_BASIS', field: 'legalBasis' });
      await consentFor(t, opened.id, { agencyIds: [t.station.id] });
      // The consent covers the station, not the centre staying on under the station's lead.
      expect(await refusal(handOver())).toMatchObject({
        code: 'NO_LEGAL_BASIS',
        field: 'keepPreviousAsSupporting',
        rule: 'legal_basis_required',
      });
      const handed = await handOver({ keepPreviousAsSupporting: false });
      expect(handed).toMatchObject({ leadAgencyId: t.station.id, supportingAgencyIds: [] });
      await expect(t.register.cases.get(t.worker, opened.id)).rejects.toBeInstanceOf(ForbiddenError);
      const periods = caseAgencyPeriods(
        (await t.register.cases.history(t.stationWorker, opened.id)).agencies,
      );
      expect(periods.map((p) => [p.agencyId, p.role, p.leftOn, p.leftVia])).toEqual([
        [t.centre.id, 'lead', '2023-06-01', 'leadHandover'],
        [t.station.id, 'lead', null, null],
      ]);
    });

    it('accepts a referral only while its basis (or another) still holds on the day', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const consent = await consentFor(t, opened.id, { agencyIds: [t.hospital.id, t.station.id] });
      const send = (to: string) =>
        t.register.referrals.send(t.worker, {
          caseId: opened.id,
          toAgencyId: to,
          reason: '相談',
          requestedService: '受診',
          legalBasis: { kind: 'consent', consentId: consent.id },
          sharedSections: ['summary'],
          sentOn: '2023-06-01',
        });
      const toHospital = await send(t.hospital.id);
      const toStation = await send(t.station.id);
      t.setToday('2023-06-10');
      await t.register.sharing.withdrawConsent(t.worker, consent.id, '2023-06-05');
      expect(
        await refusal(
          t.register.referrals.accept(t.hospitalWorker, toHospital.id, {
            on: '2023-06-10',
            expectedVersion: 1,
          }),
        ),
      ).toMatchObject({ code: 'NO_LEGAL_BASIS', field: 'on', rule: 'consent_not_withdrawn' });
      // Dated before the withdrawal, the acceptance rests on the referral's own consent.
      await t.register.referrals.accept(t.stationWorker, toStation.id, {
        on: '2023-06-04',
        expectedVersion: 1,
      });
      const history = await t.register.cases.history(t.worker, opened.id);
      expect(history.agencies.at(-1)).toMatchObject({
        agencyId: t.station.id,
        via: 'referral',
        referralId: toStation.id,
        effectiveOn: '2023-06-04',
        legalBasis: { kind: 'consent', consentId: consent.id },
      });
    });

    it('completes a lead handover referral: the previous lead stays on only when a basis covers it', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const consent = await consentFor(t, opened.id, { agencyIds: [t.station.id] });
      const referral = await t.register.referrals.send(t.worker, {
        caseId: opened.id,
        kind: 'leadHandover',
        toAgencyId: t.station.id,
        reason: '就労に向けて',
        requestedService: '主担当の引継',
        legalBasis: { kind: 'consent', consentId: consent.id },
        sharedSections: ['summary', 'person'],
        sentOn: '2023-06-01',
      });
      await t.register.referrals.accept(t.stationWorker, referral.id, {
        on: '2023-06-01',
        expectedVersion: 1,
      });
      await t.register.referrals.complete(t.stationWorker, referral.id, {
        on: '2023-06-01',
        outcome: 'connected',
        expectedVersion: 2,
      });
      const record = await t.register.cases.get(t.stationWorker, opened.id);
      expect(record.record).toMatchObject({ leadAgencyId: t.station.id, supportingAgencyIds: [] });
      const periods = caseAgencyPeriods(
        (await t.register.cases.history(t.stationWorker, opened.id)).agencies,
      );
      expect(periods.find((p) => p.agencyId === t.centre.id && p.role === 'lead')).toMatchObject({
        leftVia: 'leadHandover',
      });
      expect(periods.find((p) => p.agencyId === t.station.id && p.role === 'lead')).toMatchObject({
        referralId: referral.id,
        legalBasis: { kind: 'consent', consentId: consent.id },
      });
    });
  });

  describe(`notes are never summary (${storage})`, () => {
    it('a reader of the summary alone never reads a stage or status note; caseworkers do', async () => {
      const t = await setUp();
      const opened = await t.register.cases.open(t.worker, {
        person: { displayName: '架空 三郎', municipalityCode: '242012' },
        case: {
          municipalityCode: '242012',
          openedOn: '2023-06-01',
          note: '受付メモ: 通院歴あり',
          noteVisibility: 'notForPerson',
        },
      });
      const caseId = opened.case.id;
      await t.register.cases.changeStatus(t.worker, caseId, {
        to: 'paused',
        pauseReason: 'other',
        note: '小休止メモ: 入院',
        effectiveOn: '2023-06-01',
        expectedVersion: 1,
      });
      await referToHospital(t, caseId, ['summary']);
      const seenBy = async (actor: Actor) => {
        const [view, history] = await Promise.all([
          t.register.cases.get(actor, caseId),
          t.register.cases.history(actor, caseId),
        ]);
        return JSON.stringify({ view, history });
      };
      for (const summaryOnly of [t.hospitalWorker, t.admin]) {
        const seen = await seenBy(summaryOnly);
        expect(seen).not.toContain('受付メモ');
        expect(seen).not.toContain('小休止メモ');
        expect(seen).not.toContain('notForPerson');
      }
      const lead = await t.register.cases.history(t.worker, caseId);
      expect(lead.supportStages[0]).toMatchObject({
        note: '受付メモ: 通院歴あり',
        noteVisibility: 'notForPerson',
      });
      expect(lead.statuses.at(-1)).toMatchObject({ note: '小休止メモ: 入院' });
    });
  });

  describe(`case audit trail (${storage})`, () => {
    it('shows the lead every agency’s reads of its case; nobody else', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      await referToHospital(t, opened.id, ['summary', 'person']);
      await t.register.cases.get(t.hospitalWorker, opened.id);
      await t.register.cases.person(t.hospitalWorker, opened.id);
      for (const reader of [t.worker, t.auditor, t.admin]) {
        const page = await t.register.audit.ofCase(reader, opened.id, {}, { first: 100 });
        const hospitalReads = page.items.filter((e) => e.agencyId === t.hospital.id).map((e) => e.operation);
        expect(hospitalReads).toEqual(expect.arrayContaining(['case.read', 'person.read']));
        expect(page.items.every((e) => e.caseId === opened.id)).toBe(true);
      }
      const onlyHospital = await t.register.audit.ofCase(t.auditor, opened.id, { agencyId: t.hospital.id });
      expect(onlyHospital.items.length).toBeGreaterThan(0);
      // The count covers every page, with the same filter, as of the same transaction.
      expect(onlyHospital.totalCount).toBe(onlyHospital.items.length);
      const firstTwo = await t.register.audit.ofCase(t.auditor, opened.id, {}, { first: 2 });
      expect(firstTwo.items).toHaveLength(2);
      const everything = await t.register.audit.ofCase(t.auditor, opened.id, {}, { first: 100 });
      // Reading the trail is itself a read of the case: the second read sees the first one's entry.
      expect(everything.totalCount).toBe(firstTwo.totalCount + 1);
      expect(everything.items).toHaveLength(everything.totalCount);
      expect(onlyHospital.items.every((e) => e.agencyId === t.hospital.id)).toBe(true);
      for (const other of [t.hospitalWorker, t.outsider, t.stationWorker])
        await expect(t.register.audit.ofCase(other, opened.id)).rejects.toBeInstanceOf(ForbiddenError);
      // The agency's own log still shows only its own staff.
      const own = await t.register.audit.list(t.auditor, { caseId: opened.id }, { first: 100 });
      expect(own.items.every((e) => e.agencyId === t.centre.id)).toBe(true);
    });
  });

  describe(`network onboarding (${storage})`, () => {
    const npo = {
      kind: 'privateSupportOrganisation',
      name: '特定非営利活動法人 架空の居場所',
      municipalityCode: '242012',
    } as const;

    it('lets only the network administrator invite, list and revoke', async () => {
      const t = await setUp();
      const hospitalAdmin: Actor = { staffId: 'h-admin', agencyId: t.hospital.id, role: 'agencyAdmin' };
      for (const actor of [hospitalAdmin, t.worker, t.auditor]) {
        await expect(
          t.register.agencies.issueInvitation(actor, { label: '架空の居場所' }, hashOf(1)),
        ).rejects.toBeInstanceOf(ForbiddenError);
        await expect(t.register.agencies.invitations(actor)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(t.register.agencies.invitation(actor, 'no-such-id')).rejects.toBeInstanceOf(
          ForbiddenError,
        );
        await expect(
          t.register.agencies.register(actor, { ...npo, name: '架空の別団体' }),
        ).rejects.toBeInstanceOf(ForbiddenError);
      }
      const invitation = await t.register.agencies.issueInvitation(
        t.admin,
        { label: '架空の居場所 ご担当様', expiresInDays: 3 },
        hashOf(1),
      );
      expect(invitation).toMatchObject({ label: '架空の居場所 ご担当様', redeemedAt: null, revokedAt: null });
      expect(invitation.expiresAt.getTime() - invitation.issuedAt.getTime()).toBe(3 * 86_400_000);
      expect((await t.register.agencies.invitations(t.admin)).map((i) => i.id)).toEqual([invitation.id]);
      expect(await t.register.agencies.invitation(t.admin, invitation.id)).toEqual(invitation);
      await expect(t.register.agencies.invitation(hospitalAdmin, invitation.id)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(t.register.agencies.invitation(t.admin, 'no-such-id')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(t.register.agencies.revokeInvitation(hospitalAdmin, invitation.id)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      const revoked = await t.register.agencies.revokeInvitation(t.admin, invitation.id);
      expect(revoked.revokedBy).toBe(t.admin.staffId);
      expect(await refusal(t.register.agencies.redeemInvitation(hashOf(1), npo))).toMatchObject({
        code: 'PRECONDITION_FAILED',
        field: 'token',
        rule: 'invitation_not_revoked',
      });
    });

    it('registers the invitee’s agency once, before expiry, under a name no agency has or resembles', async () => {
      const t = await setUp();
      await t.register.agencies.issueInvitation(t.admin, { label: '架空の居場所' }, hashOf(2));
      expect(await refusal(t.register.agencies.redeemInvitation(hashOf(3), npo))).toMatchObject({
        field: 'token',
        rule: 'invitation_known',
      });
      // A lookalike of a registered agency is refused, and the invitation stays usable.
      expect(
        await refusal(
          t.register.agencies.redeemInvitation(hashOf(2), { ...npo, name: '㈱ 架空 こころの医療センター' }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'agency.name', rule: 'agency_name_lookalike' });
      expect(
        await refusal(t.register.agencies.redeemInvitation(hashOf(2), { ...npo, name: t.station.name })),
      ).toMatchObject({ field: 'agency.name', rule: 'agency_name_unique' });
      const { agency, invitation } = await t.register.agencies.redeemInvitation(hashOf(2), npo);
      expect(agency).toMatchObject({ name: npo.name, networkCoordinator: false });
      expect(invitation).toMatchObject({ agencyId: agency.id });
      expect(
        await refusal(t.register.agencies.redeemInvitation(hashOf(2), { ...npo, name: '架空の二番目' })),
      ).toMatchObject({
        field: 'token',
        rule: 'invitation_not_redeemed',
      });
      // The new agency's admin manages it, but is no network administrator.
      const newAdmin: Actor = { staffId: 'npo-admin', agencyId: agency.id, role: 'agencyAdmin' };
      await expect(
        t.register.agencies.issueInvitation(newAdmin, { label: 'x' }, hashOf(4)),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect(
        await refusal(
          t.register.agencies.update(newAdmin, agency.id, { name: '㈱ 架空地域若者サポートステーション' }),
        ),
      ).toMatchObject({ field: 'name', rule: 'agency_name_lookalike' });
      // Its own name in another width is no clash with itself.
      await t.register.agencies.update(newAdmin, agency.id, { name: 'ＮＰＯ法人　架空の居場所' });

      await t.register.agencies.issueInvitation(t.admin, { label: '期限切れ', expiresInDays: 1 }, hashOf(5));
      t.setToday('2023-06-02');
      expect(
        await refusal(t.register.agencies.redeemInvitation(hashOf(5), { ...npo, name: '架空の三番目' })),
      ).toMatchObject({ field: 'token', rule: 'invitation_not_expired' });
    });
  });

  describe(`disclosure export (${storage})`, () => {
    it('prepares the record for the person or the family with the walls applied, lead caseworkers only, audited', async () => {
      const t = await setUp();
      const opened = await openFromMothersCall(t); // its first contact's note is notForPerson
      const caseId = opened.case.id;
      await t.register.contacts.record(t.worker, {
        caseId,
        occurredOn: '2023-06-01',
        channel: 'homeVisit',
        consultingParty: { kind: 'person' },
        personContact: 'reached',
        contents: ['visit'],
        note: { text: '=本人と玄関先で会話', visibility: 'notForFamily' },
      });
      await referToHospital(t, caseId, ['summary']);

      const forPerson = await t.register.disclosure.export(t.worker, caseId, { audience: 'person' });
      const forFamily = await t.register.disclosure.export(t.worker, caseId, { audience: 'family' });
      const text = (r: unknown) => JSON.stringify(r);
      expect(text(forPerson)).not.toContain('息子が20年以上');
      expect(text(forPerson)).toContain('本人と玄関先で会話');
      expect(forPerson.withheldNotes).toBe(1);
      expect(text(forFamily)).toContain('息子が20年以上');
      expect(text(forFamily)).not.toContain('本人と玄関先で会話');
      expect(forPerson.person).toMatchObject({ displayName: '架空 太郎', kana: 'かくう たろう' });
      expect(forPerson.referrals).toEqual([
        expect.objectContaining({ to: '架空こころの医療センター', status: 'sent' }),
      ]);
      expect(forPerson.agencies[0]).toMatchObject({ agency: t.centre.name, role: 'lead' });

      const csv = disclosureCsv(forPerson);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
      expect(csv).toContain(WITHHELD_MARK);
      expect(csv).toContain("'=本人と玄関先で会話");

      for (const refused of [t.auditor, t.admin, t.hospitalWorker])
        await expect(
          t.register.disclosure.export(refused, caseId, { audience: 'person' }),
        ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        t.register.disclosure.export(t.outsider, caseId, { audience: 'person' }),
      ).rejects.toMatchObject({
        rule: 'case_read',
      });
      expect(
        await refusal(t.register.disclosure.export(t.worker, caseId, { audience: 'staff' as never })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'audience' });
      const log = await t.register.audit.list(
        t.auditor,
        { operation: 'case.disclosure.export' },
        { first: 10 },
      );
      expect(log.items.filter((e) => e.entity === 'case' && e.outcome === 'allowed')).toHaveLength(2);
    });
  });

  describe(`retention (${storage})`, () => {
    it('pseudonymises people whose cases closed before the period, once, audited; counts in a dry run', async () => {
      const t = await setUp();
      const old = await openFromMothersCall(t);
      const recent = await openFromMothersCall(t);
      const stillOpen = await openFromMothersCall(t);
      await referToHospital(t, old.case.id, ['summary']);
      const close = (caseId: string, on: string) =>
        t.register.cases.changeStatus(t.worker, caseId, {
          to: 'closed',
          closureReason: 'other',
          note: '終結メモ: 転居先は架空市',
          effectiveOn: on,
          expectedVersion: 1,
        });
      await close(old.case.id, '2023-06-01');
      t.setToday('2024-06-01');
      await close(recent.case.id, '2024-06-01');
      t.setToday('2028-06-01');

      const dry = await t.register.retention.run({ dryRun: true });
      expect(dry).toMatchObject({ cutoff: '2023-06-01', dryRun: true, persons: 1, cases: 1, textsErased: 0 });
      expect((await t.register.cases.person(t.worker, old.case.id)).displayName).toBe('架空 太郎');

      const report = await t.register.retention.run({});
      expect(report).toMatchObject({ persons: 1, cases: 1, dryRun: false });
      expect(report.textsErased).toBeGreaterThanOrEqual(4);
      const person = await t.register.cases.person(t.worker, old.case.id);
      expect(person).toMatchObject({
        displayName: PSEUDONYMISED_LABEL,
        kana: null,
        birthDate: null,
        birthYearMonth: '1971-05',
        pseudonymisedOn: '2028-06-01',
      });
      expect(person.household[0]).toMatchObject({ relation: 'mother', displayName: null, birthYear: 1945 });
      const dump = JSON.stringify([
        await t.register.contacts.list(t.worker, old.case.id),
        await t.register.cases.history(t.worker, old.case.id),
        await t.register.referrals.ofCase(t.worker, old.case.id),
      ]);
      expect(dump).not.toMatch(/息子が20年以上|転居先|相談"/);
      expect(dump).toContain(ERASED_TEXT);
      // The case keeps its dates and codes for the indicators.
      expect((await t.register.cases.get(t.worker, old.case.id)).record.status).toMatchObject({
        state: 'closed',
        since: '2023-06-01',
      });
      const trail = await t.register.audit.ofCase(t.auditor, old.case.id, {
        operation: 'retention.pseudonymise',
      });
      expect(trail.items.map((e) => [e.entity, e.role, e.agencyId])).toEqual(
        expect.arrayContaining([
          ['case', 'system', t.centre.id],
          ['person', 'system', t.centre.id],
        ]),
      );
      expect((await t.register.cases.person(t.worker, recent.case.id)).displayName).toBe('架空 太郎');
      expect((await t.register.cases.person(t.worker, stillOpen.case.id)).displayName).toBe('架空 太郎');
      expect(await t.register.retention.run({})).toMatchObject({ persons: 0, cases: 0 });
      // Four years is enough on request.
      expect(await t.register.retention.run({ years: 4, dryRun: true })).toMatchObject({
        persons: 1,
        cases: 1,
      });
    });

    it('pseudonymises the records merged into the person, through a chain of merges, audited', async () => {
      const t = await setUp();
      const kept = await openFromMothersCall(t);
      const middle = await openFromMothersCall(t);
      const twice = await openFromMothersCall(t);
      const supervisor: Actor = { ...t.worker, staffId: 'sv-1', role: 'supervisor' };
      const close = (caseId: string, expectedVersion: number) =>
        t.register.cases.changeStatus(t.worker, caseId, {
          to: 'closed',
          closureReason: 'other',
          note: '重複登録',
          effectiveOn: '2023-06-01',
          expectedVersion,
        });
      await close(twice.case.id, 1);
      await close(middle.case.id, 1);
      const first = await t.register.persons.merge(supervisor, {
        keepPersonId: middle.person.id,
        mergePersonId: twice.person.id,
        reason: '旧姓 架空花子名義で二重登録',
      });
      const second = await t.register.persons.merge(supervisor, {
        keepPersonId: kept.person.id,
        mergePersonId: middle.person.id,
        reason: '二重登録',
      });
      await close(kept.case.id, 1);
      t.setToday('2029-06-01');

      expect(await t.register.retention.run({})).toMatchObject({ persons: 1, cases: 3 });
      const merges = await t.register.persons.merges(t.worker, middle.person.id);
      expect(merges.map((m) => m.id)).toEqual([first.merge.id, second.merge.id]);
      for (const m of merges) {
        expect(m).toMatchObject({
          reason: ERASED_TEXT,
          former: {
            displayName: PSEUDONYMISED_LABEL,
            kana: null,
            birthDate: null,
            birthYearMonth: '1971-05',
            sex: first.merge.former.sex,
            municipalityCode: first.merge.former.municipalityCode,
          },
        });
        expect(m.former.household.map((h) => [h.relation, h.displayName, h.birthYear])).toEqual(
          m.former.household.map(() => ['mother', null, 1945]),
        );
      }
      expect(JSON.stringify(merges)).not.toMatch(/架空|かくう|1971-05-10|旧姓/);
      const disclosed = await t.register.disclosure.export(t.worker, kept.case.id, { audience: 'person' });
      expect(disclosed.person.merges.map((m) => [m.formerDisplayName, m.reason])).toEqual([
        [PSEUDONYMISED_LABEL, ERASED_TEXT],
      ]);
      const trail = await t.register.audit.ofCase(t.auditor, kept.case.id, {
        operation: 'retention.pseudonymise',
      });
      expect(trail.items.map((e) => [e.entity, e.entityId, e.role])).toEqual(
        expect.arrayContaining([
          ['personMerge', first.merge.id, 'system'],
          ['personMerge', second.merge.id, 'system'],
          ['person', twice.person.id, 'system'],
          ['person', middle.person.id, 'system'],
        ]),
      );
      // Nothing is left to do on a second run.
      expect(await t.register.retention.run({})).toMatchObject({ persons: 0, cases: 0 });
    });
  });
}
