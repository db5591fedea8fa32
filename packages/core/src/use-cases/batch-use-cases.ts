import { readableSections } from '../access/access-rules.ts';
import type { Assessment, AssessmentSummary } from '../assessments/assessment.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { StaffAssignment } from '../cases/staff-assignment.ts';
import type { Contact } from '../contacts/contact.ts';
import { toVisibleContact, type VisibleContact } from '../contacts/redact.ts';
import { type Person, type PersonSummary, personSummaryOf } from '../persons/person.ts';
import { type PlanReviewDue, reviewDueOf, type SupportPlan } from '../plans/support-plan.ts';
import type { CaseloadAudit } from '../ports/repositories.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import { ALL_CASE_SECTIONS, type CaseSection } from '../shared/case-section.ts';
import type { AgencyId, CaseId, PersonId } from '../shared/ids.ts';
import { grantsOf } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/** What a caseload page may show of each case, by part (null or empty where it may not be read). */
export interface CaseloadParts {
  /** The household is left empty unless the actor may read it. */
  readonly person: Person | null;
  /** The person without the household, when that is not shown (nor audited as read). */
  readonly personSummary: PersonSummary | null;
  readonly lastContact: VisibleContact | null;
  readonly latestAssessment: Assessment | null;
  /** The same without its answers, when those are not shown. */
  readonly latestAssessmentSummary: AssessmentSummary | null;
  /** Newest first. */
  readonly plans: readonly SupportPlan[];
  /** When each plan's review is due (a caseload's review-overdue flag needs no more of the plans). */
  readonly reviewsDue: readonly PlanReviewDue[];
  /** Referrals still waiting or in progress (sent, accepted). */
  readonly openReferrals: readonly Referral[];
  /** 担当者 now: the open staff assignments of every agency on the case. */
  readonly assignees: readonly StaffAssignment[];
}

export type CaseloadPart = keyof CaseloadParts;

/** The cases to read each part of; a part left out is not read at all. */
export type CaseloadRequest = { readonly [P in CaseloadPart]?: readonly CaseId[] };

/** Each requested part, one value per case asked, in the order asked. */
export type CaseloadResult<R extends CaseloadRequest> = {
  readonly [P in keyof R]: P extends CaseloadPart ? readonly CaseloadParts[P][] : never;
};

/** The section that must be readable for each part; its reads are audited under that section. */
const PARTS: { readonly [P in CaseloadPart]: { readonly section: CaseSection } } = {
  person: { section: 'person' },
  personSummary: { section: 'person' },
  lastContact: { section: 'contacts' },
  latestAssessment: { section: 'assessments' },
  latestAssessmentSummary: { section: 'assessments' },
  plans: { section: 'plans' },
  reviewsDue: { section: 'plans' },
  openReferrals: { section: 'referrals' },
  assignees: { section: 'summary' },
};

/**
 * The sections a part hands out of a case whose readable sections are `readable` (none when its own
 * is not readable): the person part hands out the household too where that may be read.
 */
function partSections(part: CaseloadPart, readable: readonly CaseSection[]): readonly CaseSection[] {
  const section = PARTS[part].section;
  if (!readable.includes(section)) return [];
  return part === 'person' && readable.includes('household') ? ['person', 'household'] : [section];
}

/**
 * The sections a caseload page's entry of a case lists (in `ALL_CASE_SECTIONS` order) when `parts`
 * are read of it and `readable` may be: what `visibleCaseloadParts` reports for it, part by part.
 */
export function caseloadSectionsRead(
  parts: readonly CaseloadPart[],
  readable: readonly CaseSection[],
): readonly CaseSection[] {
  const read = new Set(parts.flatMap((part) => partSections(part, readable)));
  return ALL_CASE_SECTIONS.filter((s) => read.has(s));
}

/** The rules' answers of `caseloadAuditSections`, by actor's agency and role and parts (a few hundred at most). */
const auditSectionsKnown = new Map<string, Pick<CaseloadAudit, 'lead' | 'supporting' | 'byShared'>>();
const AUDIT_SECTIONS_KEPT = 1_000;

/**
 * What a caseload page's entry of a case lists, for every relation of the actor's agency to the case
 * and every set of sections its pending referrals may share: `caseloadSectionsRead` of the sections
 * `readableSections` gives, worked out for a store that writes the entries with the page.
 */
export function caseloadAuditSections(
  actor: Actor,
  parts: readonly CaseloadPart[],
): Pick<CaseloadAudit, 'lead' | 'supporting' | 'byShared'> {
  const key = `${actor.agencyId}\0${actor.role}\0${parts.join(',')}`;
  const known = auditSectionsKnown.get(key);
  if (known) return known;
  const other = `${actor.agencyId}:other` as AgencyId;
  const elsewhere = { leadAgencyId: other, supportingAgencyIds: [] };
  const answers = {
    lead: caseloadSectionsRead(
      parts,
      readableSections(actor, { leadAgencyId: actor.agencyId, supportingAgencyIds: [] }),
    ),
    supporting: caseloadSectionsRead(
      parts,
      readableSections(actor, { leadAgencyId: other, supportingAgencyIds: [actor.agencyId] }),
    ),
    byShared: Array.from({ length: 1 << ALL_CASE_SECTIONS.length }, (_, bits) => {
      const sharedSections = ALL_CASE_SECTIONS.filter((_s, i) => (bits & (1 << i)) !== 0);
      const grant = { toAgencyId: actor.agencyId, status: 'sent', sharedSections };
      return caseloadSectionsRead(parts, readableSections(actor, elsewhere, [grant]));
    }),
  };
  if (auditSectionsKnown.size >= AUDIT_SECTIONS_KEPT) auditSectionsKnown.clear();
  auditSectionsKnown.set(key, answers);
  return answers;
}

/** The entries of a caseload page of up to `first` cases, for a store that writes them with the page. */
export function caseloadAuditOf(
  s: UseCaseScope,
  first: number,
  parts: readonly CaseloadPart[],
): CaseloadAudit {
  const target = { entity: 'case', entityId: '', caseId: null };
  const { id, entityId: _entityId, caseId: _caseId, sections: _sections, ...entry } = s.auditEntryOf(target);
  const ids = [id];
  while (ids.length < first) ids.push(s.auditEntryOf(target).id);
  return { entry, ids, ...caseloadAuditSections(s.actor, parts) };
}

type Visible = ReadonlyMap<
  CaseId,
  { readonly record: CaseRecord; readonly sections: readonly CaseSection[] }
>;

/** Where the parts of visible cases are read from: the repositories, or rows read with the page. */
export interface CaseloadSource {
  persons(ids: readonly PersonId[]): Promise<readonly Person[]>;
  personSummaries(ids: readonly PersonId[]): Promise<readonly (Person | PersonSummary)[]>;
  latestContacts(caseIds: readonly CaseId[]): Promise<readonly Contact[]>;
  latestAssessments(caseIds: readonly CaseId[]): Promise<readonly Assessment[]>;
  latestAssessmentSummaries(caseIds: readonly CaseId[]): Promise<readonly AssessmentSummary[]>;
  plans(caseIds: readonly CaseId[]): Promise<readonly SupportPlan[]>;
  reviewsDue(caseIds: readonly CaseId[]): Promise<readonly PlanReviewDue[]>;
  /** 担当者 in office (open assignment periods). */
  assignees(caseIds: readonly CaseId[]): Promise<readonly StaffAssignment[]>;
}

/**
 * The parts of `request` the actor may see, from cases and their referrals already read. `referrals`
 * holds at least the pending ones sent to the actor's agency (they grant access), and every open one
 * (sent, accepted) when open referrals are asked. Each case read is audited once, with the sections its parts read.
 */
export async function visibleCaseloadParts<R extends CaseloadRequest>(
  s: UseCaseScope,
  request: R,
  records: readonly CaseRecord[],
  referrals: readonly Referral[],
  source: CaseloadSource,
): Promise<CaseloadResult<R>> {
  const actor = s.actor;
  const asked = (Object.keys(PARTS) as CaseloadPart[]).filter((p) => request[p] !== undefined);
  const wanted = asked.filter((p) => (request[p]?.length ?? 0) > 0);
  const empty = Object.fromEntries(asked.map((p) => [p, []]));
  const pending = referrals.filter((r) => r.toAgencyId === actor.agencyId && r.status === 'sent');
  const sectionsOf = new Map(
    records.map((record) => [
      record.id,
      {
        record,
        sections: readableSections(actor, record, grantsOf(pending.filter((r) => r.caseId === record.id))),
      },
    ]),
  );
  const visible = (part: CaseloadPart): Visible => {
    const map = new Map<CaseId, { record: CaseRecord; sections: readonly CaseSection[] }>();
    for (const id of request[part] ?? []) {
      const v = sectionsOf.get(id);
      const sections = v ? partSections(part, v.sections) : [];
      if (!v || sections.length === 0 || map.has(id)) continue;
      map.set(id, v);
      s.touched({ entity: 'case', entityId: id, caseId: id, sections });
    }
    return map;
  };

  const loaders: {
    readonly [P in CaseloadPart]: (v: Visible, ids: readonly CaseId[]) => Promise<CaseloadParts[P][]>;
  } = {
    async person(v, ids) {
      const persons = await source.persons([...v.values()].map((c) => c.record.personId));
      const byId = new Map(persons.map((p) => [p.id, p]));
      return ids.map((id) => {
        const c = v.get(id);
        const person = c ? byId.get(c.record.personId) : undefined;
        if (!c || !person) return null;
        return c.sections.includes('household') ? person : { ...person, household: [] };
      });
    },
    async personSummary(v, ids) {
      const persons = await source.personSummaries([...v.values()].map((c) => c.record.personId));
      const byId = new Map(persons.map((p) => [p.id, p]));
      return ids.map((id) => {
        const person = v.has(id) ? byId.get(v.get(id)?.record.personId ?? '') : undefined;
        // Whatever the source read, no household leaves here.
        return person ? personSummaryOf(person) : null;
      });
    },
    async lastContact(v, ids) {
      const contacts = await source.latestContacts([...v.keys()]);
      const byCase = new Map(contacts.map((c) => [c.caseId, c]));
      return ids.map((id) => {
        const c = v.has(id) ? byCase.get(id) : undefined;
        return c ? toVisibleContact(c, () => true) : null;
      });
    },
    latestAssessment: async (v, ids) => latestOfEach(v, ids, await source.latestAssessments([...v.keys()])),
    latestAssessmentSummary: async (v, ids) =>
      latestOfEach(v, ids, await source.latestAssessmentSummaries([...v.keys()])),
    async plans(v, ids) {
      const plans = await source.plans([...v.keys()]);
      return ids.map((id) => (v.has(id) ? plans.filter((p) => p.caseId === id) : []));
    },
    async reviewsDue(v, ids) {
      const due = await source.reviewsDue([...v.keys()]);
      return ids.map((id) => (v.has(id) ? due.filter((d) => d.caseId === id) : []));
    },
    async assignees(v, ids) {
      const open = await source.assignees([...v.keys()]);
      return ids.map((id) => (v.has(id) ? open.filter((a) => a.caseId === id) : []));
    },
    async openReferrals(v, ids) {
      return ids.map((id) => {
        const c = v.get(id);
        if (!c) return [];
        // Another agency's referrals of the case are seen by the agencies working on it only.
        const involved =
          c.record.leadAgencyId === actor.agencyId || c.record.supportingAgencyIds.includes(actor.agencyId);
        return referrals.filter((r) => r.caseId === id && (involved || r.toAgencyId === actor.agencyId));
      });
    },
  };
  const loaded = await Promise.all(
    wanted.map(async (part) => [part, await loaders[part](visible(part), request[part] ?? [])] as const),
  );
  return { ...empty, ...Object.fromEntries(loaded) } as unknown as CaseloadResult<R>;
}

/** The one record of each visible case (null where none or not visible), in the order of `ids`. */
function latestOfEach<T extends { readonly caseId: CaseId }>(
  v: Visible,
  ids: readonly CaseId[],
  found: readonly T[],
): (T | null)[] {
  const byCase = new Map(found.map((a) => [a.caseId, a]));
  return ids.map((id) => (v.has(id) ? (byCase.get(id) ?? null) : null));
}

/**
 * Batched reads for list screens (a caseload page with each case's person, last contact, latest
 * assessment, plans and open referrals). Results come back in the order of `caseIds`, null (or empty)
 * where the actor may not read that section. Every case read is audited: one entry per case, listing
 * the sections of the parts read.
 */
export function batchUseCases(runner: UseCaseRunner) {
  /**
   * Any parts of a page of cases in one read: the cases and the referrals that grant the actor's
   * agency access are read once and access decided once, then each part costs one query, whatever the
   * number of cases.
   */
  async function caseload<R extends CaseloadRequest>(actor: Actor, request: R): Promise<CaseloadResult<R>> {
    const asked = (Object.keys(PARTS) as CaseloadPart[]).filter((p) => request[p] !== undefined);
    const wanted = asked.filter((p) => (request[p]?.length ?? 0) > 0);
    if (wanted.length === 0)
      return Object.fromEntries(asked.map((p) => [p, []])) as unknown as CaseloadResult<R>;
    return runner.read(actor, 'caseload.read', null, async (s) => {
      const all = [...new Set(wanted.flatMap((p) => request[p] ?? []))];
      // Open referrals, when asked, include every pending one to the actor's agency: one query then
      // serves both access and the part (referrals of cases the actor may not see never leave here).
      const withOpen = wanted.includes('openReferrals');
      const [records, referrals] = await Promise.all([
        s.repos.cases.getMany(all),
        s.repos.referrals.list(
          withOpen
            ? { caseIds: all, statuses: ['sent', 'accepted'] }
            : { caseIds: all, toAgencyId: actor.agencyId, statuses: ['sent'] },
        ),
      ]);
      return visibleCaseloadParts(s, request, records, referrals, {
        persons: (ids) => s.repos.persons.getMany(ids),
        personSummaries: (ids) => s.repos.persons.getMany(ids),
        latestContacts: (ids) => s.repos.contacts.latestByCases(ids),
        latestAssessments: (ids) => s.repos.assessments.latestByCases(ids),
        latestAssessmentSummaries: (ids) => s.repos.assessments.latestByCases(ids),
        plans: (ids) => s.repos.plans.listByCases(ids),
        reviewsDue: async (ids) => (await s.repos.plans.listByCases(ids)).map(reviewDueOf),
        assignees: (ids) => s.repos.assignments.openOfCases(ids),
      });
    });
  }

  return {
    caseload,

    persons: async (actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (Person | null)[]> =>
      (await caseload(actor, { person: caseIds })).person,

    lastContacts: async (
      actor: Actor,
      caseIds: readonly CaseId[],
    ): Promise<readonly (VisibleContact | null)[]> =>
      (await caseload(actor, { lastContact: caseIds })).lastContact,

    latestAssessments: async (
      actor: Actor,
      caseIds: readonly CaseId[],
    ): Promise<readonly (Assessment | null)[]> =>
      (await caseload(actor, { latestAssessment: caseIds })).latestAssessment,

    /** The support plans of each case, newest first (a caseload's review-overdue flag needs them). */
    plans: async (actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (readonly SupportPlan[])[]> =>
      (await caseload(actor, { plans: caseIds })).plans,

    /** Referrals still waiting or in progress (sent, accepted) of each case. */
    openReferrals: async (
      actor: Actor,
      caseIds: readonly CaseId[],
    ): Promise<readonly (readonly Referral[])[]> =>
      (await caseload(actor, { openReferrals: caseIds })).openReferrals,
  };
}
