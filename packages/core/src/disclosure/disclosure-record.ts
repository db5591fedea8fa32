import { type NoteAudience, noteVisibleTo } from '../access/access-rules.ts';
import type { Agency } from '../agencies/agency.ts';
import type { Assessment } from '../assessments/assessment.ts';
import type { ChecklistDefinition } from '../assessments/checklist.ts';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import { type CaseAgencyChange, caseAgencyPeriods } from '../cases/case-agencies.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { Contact } from '../contacts/contact.ts';
import type { Person } from '../persons/person.ts';
import type { PersonMerge } from '../persons/person-merge.ts';
import type { SupportPlan } from '../plans/support-plan.ts';
import type { Attendance } from '../programmes/attendance.ts';
import type { Placement } from '../programmes/placement.ts';
import type { Referral } from '../referrals/referral.ts';
import { type CalendarDate, calendarDateOf } from '../shared/dates.ts';
import type { NoteVisibilityValue } from '../shared/note-visibility.ts';
import type { Consent } from '../sharing/consent.ts';
import type { LegalBasisRef } from '../sharing/legal-basis.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';

/**
 * 開示請求への回答: one person's whole record as the register holds it, prepared for the person
 * (本人) or the family, under the personal information protection act. Everything the register keeps
 * about the case is in it except what stays behind a note wall for that audience: a walled note shows
 * only that something was withheld (一部不開示). Staff ids are left out (meaningless to the reader);
 * agencies are named. Codes are the register's (see the API), dates are calendar dates in Japan.
 */
export type DisclosureAudience = Exclude<NoteAudience, 'staff'>;

export const DISCLOSURE_FORMAT = 'hikikomori-register/disclosure@1';

/** A note as disclosed: the text, or the fact that it is withheld from this audience. */
export type DisclosedNote =
  | { readonly text: string; readonly withheld: false }
  | { readonly text: null; readonly withheld: true };

export interface DisclosureRecord {
  readonly format: typeof DISCLOSURE_FORMAT;
  readonly audience: DisclosureAudience;
  readonly preparedAt: string;
  readonly preparedOn: CalendarDate;
  readonly preparedBy: { readonly agency: string };
  readonly person: {
    readonly displayName: string;
    readonly kana: string | null;
    readonly birthDate: CalendarDate | null;
    readonly birthYearMonth: string | null;
    readonly sex: Person['sex'];
    readonly municipalityCode: string;
    readonly household: readonly {
      readonly relation: Person['household'][number]['relation'];
      readonly displayName: string | null;
      readonly birthYear: number | null;
      readonly livesWithPerson: boolean;
    }[];
    /** 名寄せ: records of the same person merged into this one, with the name they were under. */
    readonly merges: readonly {
      readonly mergedOn: CalendarDate;
      readonly agency: string;
      readonly formerDisplayName: string;
      readonly reason: string;
    }[];
  };
  readonly case: {
    readonly id: string;
    readonly municipalityCode: string;
    readonly openedOn: CalendarDate;
    readonly stage: CaseRecord['stage'];
    readonly familyStage: CaseRecord['familyStage'];
    readonly status: CaseRecord['status'];
    readonly leadAgency: string;
    readonly supportingAgencies: readonly string[];
  };
  /** 提供先の記録: every agency that took part, when, and on what legal basis. */
  readonly agencies: readonly {
    readonly agency: string;
    readonly role: 'lead' | 'supporting';
    readonly joinedOn: CalendarDate;
    readonly joinedVia: CaseAgencyChange['via'];
    readonly legalBasis: DisclosedBasis | null;
    readonly leftOn: CalendarDate | null;
    readonly leftVia: CaseAgencyChange['via'] | null;
  }[];
  readonly stages: readonly {
    readonly track: 'person' | 'family';
    readonly effectiveOn: CalendarDate;
    readonly from: string | null;
    readonly to: string;
    readonly direction: SupportStageChange['direction'];
    readonly reason: string;
    readonly note: DisclosedNote | null;
  }[];
  readonly statuses: readonly {
    readonly effectiveOn: CalendarDate;
    readonly move: CaseStatusChange['move'];
    readonly reason: CaseStatusChange['reason'];
    readonly reviewOn: CalendarDate | null;
    readonly note: DisclosedNote | null;
  }[];
  readonly contacts: readonly {
    readonly occurredOn: CalendarDate;
    readonly agency: string;
    readonly channel: Contact['channel'];
    readonly consultingParty: string;
    readonly personContact: Contact['personContact'];
    readonly contents: readonly Contact['contents'][number][];
    readonly durationMinutes: number | null;
    readonly note: DisclosedNote | null;
  }[];
  readonly assessments: readonly {
    readonly assessedOn: CalendarDate;
    readonly agency: string;
    readonly checklist: string;
    readonly checklistVersion: number;
    readonly rater: Assessment['rater']['kind'];
    readonly total: number;
    readonly byDomain: Readonly<Record<string, number>>;
    readonly answers: Readonly<Record<string, number>>;
    /** 取消の理由: a voided assessment is disclosed (it was recorded) but marked, counting nowhere. */
    readonly voidReason: string | null;
  }[];
  readonly plans: readonly {
    readonly createdOn: CalendarDate;
    readonly agency: string;
    readonly reviewDueOn: CalendarDate;
    readonly goals: readonly {
      readonly description: string;
      readonly targetDate: CalendarDate | null;
      readonly status: SupportPlan['goals'][number]['status'];
      readonly achievedOn: CalendarDate | null;
    }[];
    readonly reviews: readonly {
      readonly reviewedOn: CalendarDate;
      readonly outcome: SupportPlan['reviews'][number]['outcome'];
      readonly note: string | null;
      readonly nextReviewDueOn: CalendarDate | null;
    }[];
  }[];
  readonly referrals: readonly {
    readonly sentOn: CalendarDate;
    readonly kind: Referral['kind'];
    readonly from: string;
    readonly to: string;
    readonly reason: string;
    readonly requestedService: string;
    readonly legalBasis: DisclosedBasis;
    readonly status: Referral['status'];
    readonly respondedOn: CalendarDate | null;
    readonly declineReason: string | null;
    readonly completedOn: CalendarDate | null;
    readonly outcome: Referral['outcome'];
    readonly outcomeReason: string | null;
  }[];
  readonly consents: readonly {
    readonly givenBy: string;
    readonly givenOn: CalendarDate;
    readonly withdrawnOn: CalendarDate | null;
    readonly agencies: readonly string[];
    readonly sectors: readonly string[];
    readonly note: string | null;
  }[];
  readonly attendance: readonly {
    readonly attendedOn: CalendarDate;
    readonly attendee: string;
    readonly mode: Attendance['mode'];
  }[];
  readonly placements: readonly {
    readonly host: string;
    readonly startsOn: CalendarDate;
    readonly endsOn: CalendarDate;
    readonly kind: Placement['kind'];
    readonly daysWorked: number;
  }[];
  /** How many notes were withheld from this audience (一部不開示). */
  readonly withheldNotes: number;
}

/** A legal basis as the reader understands it. */
export type DisclosedBasis =
  | { readonly kind: 'consent'; readonly givenBy: string | null; readonly givenOn: CalendarDate | null }
  | { readonly kind: 'supportMeeting'; readonly meeting: string | null };

/** Everything of the case the export is made from (the use-case reads it in one transaction). */
export interface DisclosureSources {
  readonly record: CaseRecord;
  readonly person: Person;
  /** 名寄せ into the person (none when there were none). */
  readonly merges?: readonly PersonMerge[];
  readonly history: {
    readonly supportStages: readonly SupportStageChange[];
    readonly familyStages: readonly FamilyStageChange[];
    readonly statuses: readonly CaseStatusChange[];
    readonly agencies: readonly CaseAgencyChange[];
  };
  readonly contacts: readonly Contact[];
  readonly assessments: readonly Assessment[];
  readonly checklists: readonly ChecklistDefinition[];
  readonly plans: readonly SupportPlan[];
  readonly referrals: readonly Referral[];
  readonly consents: readonly Consent[];
  readonly meetings: readonly { readonly id: string; readonly name: string }[];
  readonly attendance: readonly Attendance[];
  readonly placements: readonly Placement[];
  readonly placeNames: ReadonlyMap<string, string>;
  readonly agencies: readonly Agency[];
}

export interface DisclosureMeta {
  readonly audience: DisclosureAudience;
  readonly preparedAt: Date;
  readonly preparedOn: CalendarDate;
  readonly preparedByAgencyId: string;
}

const byDate =
  <T>(date: (t: T) => string) =>
  (a: T, b: T) =>
    date(a).localeCompare(date(b));

/** The record for `meta.audience`, notes behind their walls (the access module's `noteVisibleTo`). */
export function buildDisclosureRecord(sources: DisclosureSources, meta: DisclosureMeta): DisclosureRecord {
  const { record, person, history } = sources;
  const agencyName = (id: string) => sources.agencies.find((a) => a.id === id)?.name ?? id;
  const memberName = (id: string) => {
    const m = person.household.find((h) => h.id === id);
    return m ? (m.displayName ?? m.relation) : '家族';
  };
  let withheld = 0;
  const note = (text: string | null | undefined, visibility: NoteVisibilityValue): DisclosedNote | null => {
    if (!text) return null;
    if (noteVisibleTo(visibility, meta.audience)) return { text, withheld: false };
    withheld += 1;
    return { text: null, withheld: true };
  };
  const giverOf = (c: Consent) =>
    c.givenBy.kind === 'person' ? '本人' : memberName(c.givenBy.householdMemberId);
  const basis = (ref: LegalBasisRef): DisclosedBasis => {
    if (ref.kind === 'consent') {
      const consent = sources.consents.find((c) => c.id === ref.consentId);
      return {
        kind: 'consent',
        givenBy: consent ? giverOf(consent) : null,
        givenOn: consent?.givenOn ?? null,
      };
    }
    return {
      kind: 'supportMeeting',
      meeting: sources.meetings.find((m) => m.id === ref.meetingId)?.name ?? null,
    };
  };

  const stages = [
    ...history.supportStages.map((e) => ({ track: 'person' as const, e })),
    ...history.familyStages.map((e) => ({ track: 'family' as const, e })),
  ]
    .sort(
      (a, b) =>
        a.e.effectiveOn.localeCompare(b.e.effectiveOn) || a.e.recordedAt.getTime() - b.e.recordedAt.getTime(),
    )
    .map(({ track, e }) => ({
      track,
      effectiveOn: e.effectiveOn,
      from: e.from,
      to: e.to,
      direction: e.direction,
      reason: e.reason,
      note: note(e.note, e.noteVisibility),
    }));

  const body: Omit<DisclosureRecord, 'withheldNotes'> = {
    format: DISCLOSURE_FORMAT,
    audience: meta.audience,
    preparedAt: meta.preparedAt.toISOString(),
    preparedOn: meta.preparedOn,
    preparedBy: { agency: agencyName(meta.preparedByAgencyId) },
    person: {
      displayName: person.displayName,
      kana: person.kana,
      birthDate: person.birthDate,
      birthYearMonth: person.birthYearMonth,
      sex: person.sex,
      municipalityCode: person.municipalityCode,
      household: person.household.map((m) => ({
        relation: m.relation,
        displayName: m.displayName,
        birthYear: m.birthYear,
        livesWithPerson: m.livesWithPerson,
      })),
      merges: (sources.merges ?? [])
        .filter((m) => m.keptPersonId === person.id)
        .map((m) => ({
          mergedOn: calendarDateOf(m.mergedAt),
          agency: agencyName(m.agencyId),
          formerDisplayName: m.former.displayName,
          reason: m.reason,
        })),
    },
    case: {
      id: record.id,
      municipalityCode: record.municipalityCode,
      openedOn: record.openedOn,
      stage: record.stage,
      familyStage: record.familyStage,
      status: record.status,
      leadAgency: agencyName(record.leadAgencyId),
      supportingAgencies: record.supportingAgencyIds.map(agencyName),
    },
    agencies: caseAgencyPeriods(history.agencies).map((p) => ({
      agency: agencyName(p.agencyId),
      role: p.role,
      joinedOn: p.joinedOn,
      joinedVia: p.joinedVia,
      legalBasis: p.legalBasis ? basis(p.legalBasis) : null,
      leftOn: p.leftOn,
      leftVia: p.leftVia,
    })),
    stages,
    statuses: [...history.statuses]
      .sort((a, b) => a.sequence - b.sequence)
      .map((e) => ({
        effectiveOn: e.effectiveOn,
        move: e.move,
        reason: e.reason,
        reviewOn: e.reviewOn,
        note: note(e.note, e.noteVisibility),
      })),
    contacts: [...sources.contacts].sort(byDate((c) => c.occurredOn)).map((c) => ({
      occurredOn: c.occurredOn,
      agency: agencyName(c.agencyId),
      channel: c.channel,
      consultingParty:
        c.consultingParty.kind === 'person'
          ? '本人'
          : c.consultingParty.kind === 'householdMember'
            ? memberName(c.consultingParty.householdMemberId)
            : c.consultingParty.kind === 'agency'
              ? agencyName(c.consultingParty.agencyId)
              : '匿名',
      personContact: c.personContact,
      contents: [...c.contents],
      durationMinutes: c.durationMinutes,
      note: c.note ? note(c.note.text, c.note.visibility) : null,
    })),
    assessments: [...sources.assessments].sort(byDate((a) => a.assessedOn)).map((a) => ({
      assessedOn: a.assessedOn,
      agency: agencyName(a.agencyId),
      checklist:
        sources.checklists.find((d) => d.id === a.checklistId && d.version === a.checklistVersion)?.nameJa ??
        a.checklistId,
      checklistVersion: a.checklistVersion,
      rater: a.rater.kind,
      total: a.scores.total,
      byDomain: a.scores.byDomain,
      answers: a.answers,
      voidReason: a.voided?.reason ?? null,
    })),
    plans: [...sources.plans].sort(byDate((p) => p.createdOn)).map((p) => ({
      createdOn: p.createdOn,
      agency: agencyName(p.agencyId),
      reviewDueOn: p.reviewDueOn,
      goals: p.goals.map((g) => ({
        description: g.description,
        targetDate: g.targetDate,
        status: g.status,
        achievedOn: g.achievedOn,
      })),
      reviews: p.reviews.map((r) => ({
        reviewedOn: r.reviewedOn,
        outcome: r.outcome,
        note: r.note ?? null,
        nextReviewDueOn: r.nextReviewDueOn,
      })),
    })),
    referrals: [...sources.referrals].sort(byDate((r) => r.sentOn)).map((r) => ({
      sentOn: r.sentOn,
      kind: r.kind,
      from: agencyName(r.fromAgencyId),
      to: agencyName(r.toAgencyId),
      reason: r.reason,
      requestedService: r.requestedService,
      legalBasis: basis(r.legalBasis),
      status: r.status,
      respondedOn: r.respondedOn,
      declineReason: r.declineReason,
      completedOn: r.completedOn,
      outcome: r.outcome,
      outcomeReason: r.outcomeReason,
    })),
    consents: [...sources.consents].sort(byDate((c) => c.givenOn)).map((c) => ({
      givenBy: giverOf(c),
      givenOn: c.givenOn,
      withdrawnOn: c.withdrawnOn,
      agencies: c.scope.agencyIds.map(agencyName),
      sectors: [...c.scope.sectors],
      note: c.note,
    })),
    attendance: [...sources.attendance].sort(byDate((a) => a.attendedOn)).map((a) => ({
      attendedOn: a.attendedOn,
      attendee: a.attendee.kind === 'person' ? '本人' : memberName(a.attendee.householdMemberId),
      mode: a.mode,
    })),
    placements: [...sources.placements].sort(byDate((p) => p.startsOn)).map((p) => ({
      host: sources.placeNames.get(p.hostPlaceId) ?? p.hostPlaceId,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      kind: p.kind,
      daysWorked: p.workdays.length,
    })),
  };
  return { ...body, withheldNotes: withheld };
}
