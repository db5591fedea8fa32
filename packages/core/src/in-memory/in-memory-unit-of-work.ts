import type { Agency } from '../agencies/agency.ts';
import type { AgencyInvitation } from '../agencies/invitation.ts';
import type { Area } from '../areas/area.ts';
import type { Assessment } from '../assessments/assessment.ts';
import type { AssessmentCorrection } from '../assessments/assessment-correction.ts';
import type { ChecklistDefinition } from '../assessments/checklist.ts';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import type { CaseAgencyChange } from '../cases/case-agencies.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { StaffAssignment } from '../cases/staff-assignment.ts';
import type { CaseConference } from '../conferences/case-conference.ts';
import type { AnonymousConsultation } from '../contacts/anonymous-consultation.ts';
import type { Contact } from '../contacts/contact.ts';
import type { ContactCorrection } from '../contacts/contact-correction.ts';
import { firstDirectContactOn } from '../contacts/contact-queries.ts';
import { comparePlannedContacts, type PlannedContact } from '../contacts/planned-contact.ts';
import type { IndicatorTarget } from '../indicators/indicator-targets.ts';
import { countIndicators } from '../indicators/indicators.ts';
import type { CaseIntake, HealthBackground } from '../intake/intake.ts';
import { ageBandOn } from '../persons/age-band.ts';
import { isEightZeroFiveZero } from '../persons/eight-zero-five-zero.ts';
import { matchesNameSearch } from '../persons/name-search.ts';
import type { Person } from '../persons/person.ts';
import type { PersonMerge } from '../persons/person-merge.ts';
import { matchesPersonSearch } from '../persons/person-search.ts';
import { personSearchKeys } from '../persons/search-key.ts';
import { isReviewOverdue, type SupportPlan } from '../plans/support-plan.ts';
import type { AuditEntry, AuditQuery } from '../ports/audit.ts';
import { composedCaseloadPage } from '../ports/caseload-page.ts';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../ports/pagination.ts';
import type { CaseCountQuery, PersonSearchQuery, Repositories, UnitOfWork } from '../ports/repositories.ts';
import { DUPLICATE_LOOKUP_LIMIT } from '../ports/repositories.ts';
import type { Attendance } from '../programmes/attendance.ts';
import type { SessionHeadcount } from '../programmes/headcount.ts';
import type { Place } from '../programmes/place.ts';
import type { Placement } from '../programmes/placement.ts';
import type { Programme, ProgrammeSession } from '../programmes/programme.ts';
import type { Referral } from '../referrals/referral.ts';
import { isPastRetention } from '../retention/retention.ts';
import { NotFoundError, VersionConflictError } from '../shared/errors.ts';
import type { Consent } from '../sharing/consent.ts';
import type { SupportMeeting } from '../sharing/support-meeting.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import type { Supporter, SupporterDispatch } from '../supporters/supporter.ts';

/**
 * Everything the register stores, as plain maps. Kept in one object so a transaction can snapshot it
 * and put it back on failure.
 */
interface Tables {
  cases: Map<string, CaseRecord>;
  supportStages: SupportStageChange[];
  familyStages: FamilyStageChange[];
  statuses: CaseStatusChange[];
  agencyChanges: CaseAgencyChange[];
  persons: Map<string, Person>;
  intakes: Map<string, CaseIntake>;
  health: Map<string, HealthBackground>;
  agencies: Map<string, Agency>;
  invitations: Map<string, AgencyInvitation>;
  contacts: Map<string, Contact>;
  anonymousConsultations: AnonymousConsultation[];
  headcounts: Map<string, SessionHeadcount>;
  contactCorrections: ContactCorrection[];
  assessmentCorrections: AssessmentCorrection[];
  personMerges: PersonMerge[];
  referrals: Map<string, Referral>;
  consents: Map<string, Consent>;
  supportMeetings: Map<string, SupportMeeting>;
  conferences: Map<string, CaseConference>;
  checklists: ChecklistDefinition[];
  assessments: Map<string, Assessment>;
  plans: Map<string, SupportPlan>;
  places: Map<string, Place>;
  programmes: Map<string, Programme>;
  sessions: Map<string, ProgrammeSession>;
  attendances: Attendance[];
  placements: Map<string, Placement>;
  supporters: Map<string, Supporter>;
  indicatorTargets: Map<string, IndicatorTarget>;
  areas: Map<string, Area>;
  dispatches: Map<string, SupporterDispatch>;
  audit: AuditEntry[];
  assignments: StaffAssignment[];
  plannedContacts: PlannedContact[];
}

function emptyTables(): Tables {
  return {
    cases: new Map(),
    supportStages: [],
    familyStages: [],
    statuses: [],
    agencyChanges: [],
    persons: new Map(),
    intakes: new Map(),
    health: new Map(),
    agencies: new Map(),
    invitations: new Map(),
    contacts: new Map(),
    anonymousConsultations: [],
    headcounts: new Map(),
    contactCorrections: [],
    assessmentCorrections: [],
    personMerges: [],
    referrals: new Map(),
    consents: new Map(),
    supportMeetings: new Map(),
    conferences: new Map(),
    checklists: [],
    assessments: new Map(),
    plans: new Map(),
    places: new Map(),
    programmes: new Map(),
    sessions: new Map(),
    attendances: [],
    placements: new Map(),
    supporters: new Map(),
    indicatorTargets: new Map(),
    areas: new Map(),
    dispatches: new Map(),
    audit: [],
    assignments: [],
    plannedContacts: [],
  };
}

/**
 * The register in memory: for integrators embedding core, examples and tests. Transactions run one at a
 * time (like SQLite's single writer) and a failed one leaves no trace: the tables are restored from a
 * snapshot taken when it began. Records are copied in and out so callers cannot change stored state.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private tables: Tables = emptyTables();
  private queue: Promise<unknown> = Promise.resolve();

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const snapshot = structuredClone(this.tables);
      try {
        return await work(repositoriesOver(this.tables));
      } catch (error) {
        this.tables = snapshot;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Number of audit entries: handy in tests and examples. */
  get auditEntryCount(): number {
    return this.tables.audit.length;
  }
}

const copy = <T>(value: T): T => structuredClone(value);

const newestPlanFirst = (a: SupportPlan, b: SupportPlan) =>
  b.createdOn.localeCompare(a.createdOn) || b.createdAt.getTime() - a.createdAt.getTime();

const newestConferenceFirst = (a: CaseConference, b: CaseConference) =>
  b.heldOn.localeCompare(a.heldOn) ||
  b.recordedAt.getTime() - a.recordedAt.getTime() ||
  (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

const oldestDispatchFirst = (a: SupporterDispatch, b: SupporterDispatch) =>
  a.startsOn.localeCompare(b.startsOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function page<T>(
  sorted: readonly T[],
  key: (item: T) => { at: Date; id: string },
  request: PageRequest,
): Page<T> {
  let start = 0;
  if (request.after) {
    const after = decodeCursor(request.after);
    if (after) {
      start = sorted.findIndex((item) => {
        const k = key(item);
        return k.at < after.at || (k.at.getTime() === after.at.getTime() && k.id < after.id);
      });
      if (start < 0) start = sorted.length;
    }
  }
  const items = sorted.slice(start, start + request.first);
  const cursors = items.map((item) => {
    const k = key(item);
    return encodeCursor(k.at, k.id);
  });
  return {
    items: items.map(copy),
    cursors,
    hasNextPage: start + request.first < sorted.length,
    endCursor: cursors.at(-1) ?? null,
  };
}

function newestFirst<T>(key: (item: T) => { at: Date; id: string }) {
  return (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return kb.at.getTime() - ka.at.getTime() || (kb.id < ka.id ? -1 : kb.id > ka.id ? 1 : 0);
  };
}

function versioned<T extends { id: string; version: number }>(
  map: Map<string, T>,
  entity: string,
  next: T,
): void {
  const stored = map.get(next.id);
  if (!stored) throw new NotFoundError(entity, next.id);
  if (stored.version !== next.version - 1)
    throw new VersionConflictError(entity, next.id, next.version - 1, stored.version);
  map.set(next.id, copy(next));
}

/** A record saved whole per case: version 1 is new, any later one replaces its predecessor. */
function savedWhole<T extends { caseId: string; version: number }>(
  map: Map<string, T>,
  entity: string,
  next: T,
): void {
  const stored = map.get(next.caseId);
  if ((stored?.version ?? 0) !== next.version - 1)
    throw new VersionConflictError(entity, next.caseId, next.version - 1, stored?.version ?? 0);
  map.set(next.caseId, copy(next));
}

function appendUnique<E extends { caseId: string; sequence: number }>(
  list: E[],
  entry: E,
  entity: string,
): void {
  const clash = list.find((e) => e.caseId === entry.caseId && e.sequence === entry.sequence);
  if (clash) throw new VersionConflictError(entity, entry.caseId, entry.sequence - 1, entry.sequence);
  list.push(copy(entry));
}

function auditMatches(e: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.agencyId === undefined || e.agencyId === query.agencyId) &&
    (query.caseId === undefined || e.caseId === query.caseId) &&
    (query.staffId === undefined || e.staffId === query.staffId) &&
    (query.operation === undefined || e.operation === query.operation) &&
    (query.from === undefined || e.at >= query.from) &&
    (query.to === undefined || e.at < query.to)
  );
}

function repositoriesOver(t: Tables): Repositories {
  const caseKey = (c: CaseRecord) => ({ at: c.createdAt, id: c.id });
  const referralPending = (caseId: string) =>
    [...t.referrals.values()].some((r) => r.caseId === caseId && r.status === 'sent');
  const contactsOf = (caseId: string) => [...t.contacts.values()].filter((c) => c.caseId === caseId);

  const visible = (record: CaseRecord, agencyId: string) =>
    record.leadAgencyId === agencyId ||
    record.supportingAgencyIds.includes(agencyId) ||
    [...t.referrals.values()].some(
      (r) => r.caseId === record.id && r.toAgencyId === agencyId && r.status === 'sent',
    );

  const matches = (record: CaseRecord, query: CaseCountQuery): boolean => {
    const f = query.filter;
    if (!visible(record, query.visibleToAgencyId)) return false;
    if (f.stage !== undefined && record.stage !== f.stage) return false;
    if (f.status !== undefined && record.status.state !== f.status) return false;
    if (f.leadAgencyId !== undefined && record.leadAgencyId !== f.leadAgencyId) return false;
    if (
      f.agencyId !== undefined &&
      record.leadAgencyId !== f.agencyId &&
      !record.supportingAgencyIds.includes(f.agencyId)
    )
      return false;
    if (f.municipalityCode !== undefined && record.municipalityCode !== f.municipalityCode) return false;
    if (
      f.assignedStaffId !== undefined &&
      !t.assignments.some(
        (a) => a.caseId === record.id && a.staffId === f.assignedStaffId && a.endedOn === null,
      )
    )
      return false;
    if (
      f.personReached !== undefined &&
      (firstDirectContactOn(contactsOf(record.id)) !== null) !== f.personReached
    )
      return false;
    if (f.referralPending !== undefined && referralPending(record.id) !== f.referralPending) return false;
    if (f.reviewOverdueOn !== undefined && !overdueReviewCaseIds(t, f.reviewOverdueOn).has(record.id))
      return false;
    const personFilters = [f.personName, f.ageBand, f.eightZeroFiveZeroOn].some((v) => v !== undefined);
    if (personFilters) {
      // Filters on the person's own details cover only the cases the agency supports.
      const supports =
        record.leadAgencyId === query.visibleToAgencyId ||
        record.supportingAgencyIds.includes(query.visibleToAgencyId);
      const person = t.persons.get(record.personId);
      if (!supports || !person) return false;
      if (f.personName !== undefined && !matchesNameSearch(person, f.personName)) return false;
      if (f.ageBand !== undefined && ageBandOn(person, f.ageBand.on) !== f.ageBand.band) return false;
      if (f.eightZeroFiveZeroOn !== undefined && !isEightZeroFiveZero(person, f.eightZeroFiveZeroOn))
        return false;
    }
    return true;
  };

  const personKey = (p: Person) => ({ at: p.createdAt, id: p.id });
  const searchPersons = (query: Omit<PersonSearchQuery, 'page'>) =>
    [...t.persons.values()].filter(
      (p) =>
        matchesPersonSearch(p, query.filter) &&
        [...t.cases.values()].some(
          (c) =>
            c.personId === p.id &&
            (c.leadAgencyId === query.visibleToAgencyId ||
              c.supportingAgencyIds.includes(query.visibleToAgencyId)),
        ),
    );

  const repos: Repositories = {
    cases: {
      get: async (id) => copy(t.cases.get(id) ?? null),
      getMany: async (ids) =>
        ids.flatMap((id) => (t.cases.has(id) ? [copy(t.cases.get(id) as CaseRecord)] : [])),
      insert: async (record) => {
        t.cases.set(record.id, copy(record));
      },
      update: async (record) => versioned(t.cases, 'case', record),
      list: async (query) =>
        page(
          [...t.cases.values()].filter((c) => matches(c, query)).sort(newestFirst(caseKey)),
          caseKey,
          query.page,
        ),
      count: async (query) => [...t.cases.values()].filter((c) => matches(c, query)).length,
      listCaseload: (query, parts) => composedCaseloadPage(repos, query, parts),
      listByPersons: async (personIds) =>
        [...t.cases.values()]
          .filter((c) => personIds.includes(c.personId))
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
          .map(copy),
    },
    assignments: {
      ofCase: async (caseId) =>
        t.assignments
          .filter((a) => a.caseId === caseId)
          .sort(
            (a, b) =>
              a.startedOn.localeCompare(b.startedOn) || a.recordedAt.getTime() - b.recordedAt.getTime(),
          )
          .map(copy),
      openOfCases: async (caseIds) =>
        t.assignments.filter((a) => caseIds.includes(a.caseId) && a.endedOn === null).map(copy),
      openOfStaff: async (agencyId, staffId) =>
        t.assignments
          .filter((a) => a.agencyId === agencyId && a.staffId === staffId && a.endedOn === null)
          .map(copy),
      save: async ({ opened, ended }) => {
        for (const e of ended) {
          const i = t.assignments.findIndex((a) => a.id === e.id && a.endedOn === null);
          if (i < 0) throw new VersionConflictError('staff assignment', e.id, 0, 1);
          t.assignments[i] = copy(e);
        }
        t.assignments.push(...opened.map(copy));
      },
    },
    caseHistory: {
      appendSupportStage: async (e) => appendUnique(t.supportStages, e, 'support stage history'),
      appendFamilyStage: async (e) => appendUnique(t.familyStages, e, 'family stage history'),
      appendStatus: async (e) => appendUnique(t.statuses, e, 'status history'),
      supportStages: async (caseId) => copy(t.supportStages.filter((e) => e.caseId === caseId)),
      familyStages: async (caseId) => copy(t.familyStages.filter((e) => e.caseId === caseId)),
      appendAgencyChanges: async (entries) => {
        for (const e of entries) appendUnique(t.agencyChanges, e, 'agency history');
      },
      statuses: async (caseId) => copy(t.statuses.filter((e) => e.caseId === caseId)),
      agencyChanges: async (caseId) =>
        copy(t.agencyChanges.filter((e) => e.caseId === caseId).sort((a, b) => a.sequence - b.sequence)),
    },
    persons: {
      get: async (id) => copy(t.persons.get(id) ?? null),
      getMany: async (ids) =>
        ids.flatMap((id) => (t.persons.has(id) ? [copy(t.persons.get(id) as Person)] : [])),
      insert: async (person) => {
        t.persons.set(person.id, copy(person));
      },
      update: async (person) => {
        if (!t.persons.has(person.id)) throw new NotFoundError('person', person.id);
        t.persons.set(person.id, copy(person));
      },
      search: async (query) => page(searchPersons(query).sort(newestFirst(personKey)), personKey, query.page),
      countSearch: async (query) => searchPersons(query).length,
      duplicateCandidates: async (lookup) =>
        [...t.persons.values()]
          .filter((p) => {
            if (p.mergedIntoId !== null || p.pseudonymisedOn !== null) return false;
            const keys = personSearchKeys(p);
            return (
              (lookup.kanaKey !== null && keys.kanaKey === lookup.kanaKey) ||
              (lookup.birthDate !== null &&
                keys.nameKey === lookup.nameKey &&
                p.birthDate === lookup.birthDate)
            );
          })
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, DUPLICATE_LOOKUP_LIMIT)
          .map(copy),
      insertMerge: async (merge) => {
        if (t.personMerges.some((m) => m.mergedPersonId === merge.mergedPersonId))
          throw new VersionConflictError('person', merge.mergedPersonId, 1, 2);
        t.personMerges.push(copy(merge));
      },
      mergesOf: async (personId) =>
        t.personMerges
          .filter((m) => m.keptPersonId === personId || m.mergedPersonId === personId)
          .sort((a, b) => a.mergedAt.getTime() - b.mergedAt.getTime())
          .map(copy),
      eraseMerge: async (mergeId, erased) => {
        const at = t.personMerges.findIndex((m) => m.id === mergeId);
        const merge = t.personMerges[at];
        if (!merge) throw new NotFoundError('personMerge', mergeId);
        t.personMerges[at] = copy({ ...merge, former: erased.former, reason: erased.reason });
      },
    },
    intakes: {
      get: async (caseId) => copy(t.intakes.get(caseId) ?? null),
      save: async (intake) => savedWhole(t.intakes, 'caseIntake', intake),
      getHealth: async (caseId) => copy(t.health.get(caseId) ?? null),
      saveHealth: async (health) => savedWhole(t.health, 'healthBackground', health),
    },
    agencies: {
      get: async (id) => copy(t.agencies.get(id) ?? null),
      getMany: async (ids) =>
        ids.flatMap((id) => (t.agencies.has(id) ? [copy(t.agencies.get(id) as Agency)] : [])),
      list: async (filter) =>
        [...t.agencies.values()]
          .filter(
            (a) =>
              (filter.kind === undefined || a.kind === filter.kind) &&
              (filter.municipalityCode === undefined || a.municipalityCode === filter.municipalityCode) &&
              (!filter.activeOnly || a.active),
          )
          .sort((a, b) => a.name.localeCompare(b.name, 'ja') || (a.id < b.id ? -1 : 1))
          .map(copy),
      insert: async (agency) => {
        t.agencies.set(agency.id, copy(agency));
      },
      update: async (agency) => {
        if (!t.agencies.has(agency.id)) throw new NotFoundError('agency', agency.id);
        t.agencies.set(agency.id, copy(agency));
      },
    },
    invitations: {
      get: async (id) => copy(t.invitations.get(id) ?? null),
      getByTokenHash: async (hash) =>
        copy([...t.invitations.values()].find((i) => i.tokenHash === hash) ?? null),
      insert: async (invitation) => {
        if ([...t.invitations.values()].some((i) => i.tokenHash === invitation.tokenHash))
          throw new VersionConflictError('invitation', invitation.id, 0, 1);
        t.invitations.set(invitation.id, copy(invitation));
      },
      update: async (invitation) => versioned(t.invitations, 'invitation', invitation),
      list: async () =>
        [...t.invitations.values()]
          .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || (a.id < b.id ? 1 : -1))
          .map(copy),
    },
    contacts: {
      get: async (id) => copy(t.contacts.get(id) ?? null),
      insert: async (contact) => {
        t.contacts.set(contact.id, copy(contact));
      },
      update: async (contact) => versioned(t.contacts, 'contact', contact),
      appendCorrection: async (correction) => {
        const { contactId, sequence } = correction;
        if (t.contactCorrections.some((c) => c.contactId === contactId && c.sequence === sequence))
          throw new VersionConflictError('contact correction', contactId, sequence - 1, sequence);
        t.contactCorrections.push(copy(correction));
      },
      correctionsByCase: async (caseId) =>
        t.contactCorrections
          .filter((c) => c.caseId === caseId)
          .sort((a, b) => a.contactId.localeCompare(b.contactId) || a.sequence - b.sequence)
          .map(copy),
      latestByCases: async (caseIds) =>
        caseIds.flatMap((caseId) => {
          const latest = contactsOf(caseId)
            .filter((c) => !c.voided)
            .sort(
              (a, b) =>
                b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.getTime() - a.recordedAt.getTime(),
            )[0];
          return latest ? [copy(latest)] : [];
        }),
      listByCase: async (caseId) =>
        contactsOf(caseId)
          .sort(
            (a, b) =>
              b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.getTime() - a.recordedAt.getTime(),
          )
          .map(copy),
    },
    plannedContacts: {
      append: async (entry) => appendUnique(t.plannedContacts, entry, 'planned contact'),
      ofCase: async (caseId) =>
        t.plannedContacts
          .filter((e) => e.caseId === caseId)
          .sort(comparePlannedContacts)
          .map(copy),
      latestOfCases: async (agencyId, caseIds) =>
        caseIds.flatMap((caseId) => {
          const latest = t.plannedContacts
            .filter((e) => e.caseId === caseId && e.agencyId === agencyId)
            .sort(comparePlannedContacts)
            .at(-1);
          return latest ? [copy(latest)] : [];
        }),
    },
    referrals: {
      get: async (id) => copy(t.referrals.get(id) ?? null),
      insert: async (referral) => {
        t.referrals.set(referral.id, copy(referral));
      },
      update: async (referral) => versioned(t.referrals, 'referral', referral),
      list: async (filter) =>
        [...t.referrals.values()]
          .filter(
            (r) =>
              (filter.caseId === undefined || r.caseId === filter.caseId) &&
              (filter.caseIds === undefined || filter.caseIds.includes(r.caseId)) &&
              (filter.fromAgencyId === undefined || r.fromAgencyId === filter.fromAgencyId) &&
              (filter.toAgencyId === undefined || r.toAgencyId === filter.toAgencyId) &&
              (filter.statuses === undefined || filter.statuses.includes(r.status)),
          )
          .sort((a, b) => a.sentOn.localeCompare(b.sentOn) || (a.id < b.id ? -1 : 1))
          .map(copy),
    },
    consents: {
      get: async (id) => copy(t.consents.get(id) ?? null),
      insert: async (consent) => {
        t.consents.set(consent.id, copy(consent));
      },
      update: async (consent) => {
        if (!t.consents.has(consent.id)) throw new NotFoundError('consent', consent.id);
        t.consents.set(consent.id, copy(consent));
      },
      listByCase: async (caseId) => [...t.consents.values()].filter((c) => c.caseId === caseId).map(copy),
    },
    supportMeetings: {
      get: async (id) => copy(t.supportMeetings.get(id) ?? null),
      insert: async (meeting) => {
        t.supportMeetings.set(meeting.id, copy(meeting));
      },
      update: async (meeting) => {
        if (!t.supportMeetings.has(meeting.id)) throw new NotFoundError('support meeting', meeting.id);
        t.supportMeetings.set(meeting.id, copy(meeting));
      },
      listForCase: async (caseId) =>
        [...t.supportMeetings.values()].filter((m) => m.caseIds.some((c) => c.caseId === caseId)).map(copy),
      listForAgency: async (agencyId) =>
        [...t.supportMeetings.values()]
          .filter((m) => m.members.some((x) => x.agencyId === agencyId))
          .map(copy),
    },
    conferences: {
      get: async (id) => copy(t.conferences.get(id) ?? null),
      insert: async (conference) => {
        t.conferences.set(conference.id, copy(conference));
      },
      update: async (conference) => versioned(t.conferences, 'case conference', conference),
      listByCase: async (caseId) =>
        [...t.conferences.values()]
          .filter((c) => c.discussions.some((d) => d.caseId === caseId))
          .sort(newestConferenceFirst)
          .map(copy),
      listForAgency: async (agencyId, range) =>
        [...t.conferences.values()]
          .filter(
            (c) =>
              c.attendees.some((a) => a.agencyId === agencyId) &&
              (range.from === undefined || c.heldOn >= range.from) &&
              (range.to === undefined || c.heldOn <= range.to),
          )
          .sort(newestConferenceFirst)
          .map(copy),
    },
    checklists: {
      get: async (id, version) =>
        copy(t.checklists.find((d) => d.id === id && d.version === version) ?? null),
      latest: async (id) =>
        copy(
          t.checklists
            .filter((d) => d.id === id)
            .sort((a, b) => b.version - a.version)
            .at(0) ?? null,
        ),
      list: async () =>
        [...t.checklists].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version).map(copy),
      insert: async (definition) => {
        if (t.checklists.some((d) => d.id === definition.id && d.version === definition.version))
          throw new VersionConflictError(
            'checklist',
            definition.id,
            definition.version - 1,
            definition.version,
          );
        t.checklists.push(copy(definition));
      },
    },
    assessments: {
      get: async (id) => copy(t.assessments.get(id) ?? null),
      insert: async (assessment) => {
        t.assessments.set(assessment.id, copy(assessment));
      },
      latestByCases: async (caseIds) =>
        caseIds.flatMap((caseId) => {
          const latest = [...t.assessments.values()]
            .filter((a) => a.caseId === caseId && a.voided === null)
            .sort(
              (a, b) =>
                b.assessedOn.localeCompare(a.assessedOn) || b.recordedAt.getTime() - a.recordedAt.getTime(),
            )[0];
          return latest ? [copy(latest)] : [];
        }),
      update: async (assessment) => versioned(t.assessments, 'assessment', assessment),
      appendCorrection: async (correction) => {
        const { assessmentId, sequence } = correction;
        if (t.assessmentCorrections.some((c) => c.assessmentId === assessmentId && c.sequence === sequence))
          throw new VersionConflictError('assessment correction', assessmentId, sequence - 1, sequence);
        t.assessmentCorrections.push(copy(correction));
      },
      correctionsByCase: async (caseId) =>
        t.assessmentCorrections
          .filter((c) => c.caseId === caseId)
          .sort((a, b) => a.assessmentId.localeCompare(b.assessmentId) || a.sequence - b.sequence)
          .map(copy),
      listByCase: async (caseId) =>
        [...t.assessments.values()]
          .filter((a) => a.caseId === caseId)
          .sort(
            (a, b) =>
              b.assessedOn.localeCompare(a.assessedOn) || b.recordedAt.getTime() - a.recordedAt.getTime(),
          )
          .map(copy),
    },
    plans: {
      get: async (id) => copy(t.plans.get(id) ?? null),
      insert: async (plan) => {
        t.plans.set(plan.id, copy(plan));
      },
      update: async (plan) => versioned(t.plans, 'plan', plan),
      listByCase: async (caseId) =>
        [...t.plans.values()]
          .filter((p) => p.caseId === caseId)
          .sort(newestPlanFirst)
          .map(copy),
      listByCases: async (caseIds) => {
        const wanted = new Set(caseIds);
        return [...t.plans.values()]
          .filter((p) => wanted.has(p.caseId))
          .sort(newestPlanFirst)
          .map(copy);
      },
    },
    places: {
      get: async (id) => copy(t.places.get(id) ?? null),
      list: async (filter) =>
        [...t.places.values()]
          .filter(
            (p) =>
              (filter.agencyId === undefined || p.agencyId === filter.agencyId) &&
              (filter.kind === undefined || p.kind === filter.kind),
          )
          .sort((a, b) => a.name.localeCompare(b.name, 'ja') || (a.id < b.id ? -1 : 1))
          .map(copy),
      insert: async (place) => {
        t.places.set(place.id, copy(place));
      },
      update: async (place) => {
        if (!t.places.has(place.id)) throw new NotFoundError('place', place.id);
        t.places.set(place.id, copy(place));
      },
    },
    programmes: {
      get: async (id) => copy(t.programmes.get(id) ?? null),
      listByPlace: async (placeId) =>
        [...t.programmes.values()].filter((p) => p.placeId === placeId).map(copy),
      insert: async (programme) => {
        t.programmes.set(programme.id, copy(programme));
      },
      getSession: async (id) => copy(t.sessions.get(id) ?? null),
      listSessions: async (programmeId) =>
        [...t.sessions.values()]
          .filter((x) => x.programmeId === programmeId)
          .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
          .map(copy),
      insertSession: async (session) => {
        t.sessions.set(session.id, copy(session));
      },
      insertAttendance: async (attendance) => {
        t.attendances.push(copy(attendance));
      },
      listAttendanceBySession: async (sessionId) =>
        t.attendances.filter((a) => a.sessionId === sessionId).map(copy),
      listAttendanceByCase: async (caseId) =>
        t.attendances
          .filter((a) => a.caseId === caseId)
          .sort((a, b) => a.attendedOn.localeCompare(b.attendedOn))
          .map(copy),
      getHeadcount: async (sessionId) => copy(t.headcounts.get(sessionId) ?? null),
      saveHeadcount: async (headcount) => {
        const stored = t.headcounts.get(headcount.sessionId);
        const storedVersion = stored?.version ?? 0;
        if (storedVersion !== headcount.version - 1)
          throw new VersionConflictError(
            'session headcount',
            headcount.sessionId,
            headcount.version - 1,
            storedVersion,
          );
        t.headcounts.set(headcount.sessionId, copy(headcount));
      },
    },
    anonymousConsultations: {
      get: async (id) => {
        const found = t.anonymousConsultations.find((c) => c.id === id);
        return found ? copy(found) : null;
      },
      insert: async (consultation) => {
        t.anonymousConsultations.push(copy(consultation));
      },
      list: async (agencyId, range) =>
        t.anonymousConsultations
          .filter(
            (c) =>
              c.agencyId === agencyId &&
              (range.from === undefined || c.occurredOn >= range.from) &&
              (range.to === undefined || c.occurredOn <= range.to),
          )
          .sort(
            (a, b) =>
              b.occurredOn.localeCompare(a.occurredOn) ||
              b.recordedAt.getTime() - a.recordedAt.getTime() ||
              (b.id < a.id ? -1 : b.id > a.id ? 1 : 0),
          )
          .map(copy),
    },
    placements: {
      get: async (id) => copy(t.placements.get(id) ?? null),
      insert: async (placement) => {
        t.placements.set(placement.id, copy(placement));
      },
      update: async (placement) => {
        if (!t.placements.has(placement.id)) throw new NotFoundError('placement', placement.id);
        t.placements.set(placement.id, copy(placement));
      },
      listByCase: async (caseId) =>
        [...t.placements.values()]
          .filter((p) => p.caseId === caseId)
          .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
          .map(copy),
    },
    supporters: {
      get: async (id) => copy(t.supporters.get(id) ?? null),
      insert: async (supporter) => {
        t.supporters.set(supporter.id, copy(supporter));
      },
      update: async (supporter) => versioned(t.supporters, 'supporter', supporter),
      listByAgency: async (agencyId) =>
        [...t.supporters.values()]
          .filter((s) => s.agencyId === agencyId)
          .sort(
            (a, b) =>
              a.registeredOn.localeCompare(b.registeredOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
          )
          .map(copy),
      getDispatch: async (id) => copy(t.dispatches.get(id) ?? null),
      insertDispatch: async (dispatch) => {
        t.dispatches.set(dispatch.id, copy(dispatch));
      },
      updateDispatch: async (dispatch) => versioned(t.dispatches, 'supporter dispatch', dispatch),
      dispatchesOfSupporter: async (supporterId) =>
        [...t.dispatches.values()]
          .filter((d) => d.supporterId === supporterId)
          .sort(oldestDispatchFirst)
          .map(copy),
      dispatchesToCase: async (caseId) =>
        [...t.dispatches.values()]
          .filter((d) => d.target.kind === 'case' && d.target.caseId === caseId)
          .sort(oldestDispatchFirst)
          .map(copy),
    },
    indicators: {
      counts: async (query) =>
        countIndicators(
          {
            cases: [...t.cases.values()],
            stageHistory: t.supportStages,
            familyStageHistory: t.familyStages,
            statusHistory: t.statuses,
            // A voided record (取消) counts nowhere.
            contacts: [...t.contacts.values()].filter((c) => !c.voided),
            persons: [...t.persons.values()],
            referrals: [...t.referrals.values()],
            agencies: [...t.agencies.values()],
            placeAttendances: t.attendances.flatMap((a) => {
              const session = t.sessions.get(a.sessionId);
              const programme = session ? t.programmes.get(session.programmeId) : undefined;
              return programme
                ? [{ caseId: a.caseId, attendedOn: a.attendedOn, placeId: programme.placeId }]
                : [];
            }),
            anonymousConsultations: t.anonymousConsultations,
            places: [...t.places.values()],
            sessionHeadcounts: [...t.headcounts.values()].flatMap((h) => {
              const session = t.sessions.get(h.sessionId);
              const programme = session ? t.programmes.get(session.programmeId) : undefined;
              return session && programme
                ? [
                    {
                      placeId: programme.placeId,
                      heldOn: session.heldOn,
                      persons: h.persons,
                      familyMembers: h.familyMembers,
                    },
                  ]
                : [];
            }),
            conferences: [...t.conferences.values()].map((c) => ({
              organiserAgencyId: c.organiserAgencyId,
              heldOn: c.heldOn,
              caseCount: c.discussions.length,
            })),
            supporters: [...t.supporters.values()],
          },
          query,
        ),
      caseMunicipalities: async (prefectureCode) =>
        [...new Set([...t.cases.values()].map((c) => c.municipalityCode))]
          .filter((code) => code.startsWith(prefectureCode))
          .sort(),
      targets: async (scopeKey, fiscalYear) =>
        copy(
          [...t.indicatorTargets.values()].filter(
            (x) => x.scopeKey === scopeKey && x.fiscalYear === fiscalYear,
          ),
        ),
      putTarget: async (target) => {
        t.indicatorTargets.set(`${target.scopeKey}|${target.fiscalYear}|${target.indicator}`, copy(target));
      },
      areas: async (prefectureCode) =>
        copy(
          [...t.areas.values()]
            .filter((a) => a.prefectureCode === prefectureCode)
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        ),
      area: async (id) => copy(t.areas.get(id) ?? null),
      saveArea: async (area) => {
        const storedVersion = t.areas.get(area.id)?.version ?? 0;
        if (storedVersion !== area.version - 1)
          throw new VersionConflictError('area', area.id, area.version - 1, storedVersion);
        t.areas.set(area.id, copy(area));
      },
    },
    retention: {
      due: async (cutoff, request) => {
        const byPerson = new Map<string, CaseRecord[]>();
        for (const c of t.cases.values()) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
        return [...byPerson.entries()]
          .filter(
            ([personId, cases]) =>
              (request.personId === undefined || personId === request.personId) &&
              (request.afterPersonId == null || personId > request.afterPersonId) &&
              t.persons.get(personId)?.pseudonymisedOn === null &&
              cases.every((c) => isPastRetention(c.status, cutoff)),
          )
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, request.limit)
          .map(([personId, cases]) => ({
            personId,
            cases: cases
              .sort((a, b) => (a.id < b.id ? -1 : 1))
              .map((c) => ({ caseId: c.id, leadAgencyId: c.leadAgencyId })),
          }));
      },
      eraseCaseText: async (caseId, replacement) => {
        let count = 0;
        const erase = <T extends string | null | undefined>(text: T): T => {
          if (text === null || text === undefined) return text;
          count += 1;
          return replacement as T;
        };
        for (const [id, c] of t.contacts)
          if (c.caseId === caseId) {
            const note = c.note ? { ...c.note, text: erase(c.note.text) } : null;
            const voided = c.voided ? { ...c.voided, reason: erase(c.voided.reason) } : null;
            t.contacts.set(id, { ...c, note, voided });
          }
        t.contactCorrections.forEach((c, i) => {
          if (c.caseId !== caseId) return;
          const note = c.previous.note ? { ...c.previous.note, text: erase(c.previous.note.text) } : null;
          t.contactCorrections[i] = { ...c, reason: erase(c.reason), previous: { ...c.previous, note } };
        });
        for (const [id, a] of t.assessments)
          if (a.caseId === caseId && a.voided)
            t.assessments.set(id, { ...a, voided: { ...a.voided, reason: erase(a.voided.reason) } });
        t.assessmentCorrections.forEach((c, i) => {
          if (c.caseId === caseId) t.assessmentCorrections[i] = { ...c, reason: erase(c.reason) };
        });
        const notes = <E extends { caseId: string; note: string | null }>(list: E[]) =>
          list.forEach((e, i) => {
            if (e.caseId === caseId && e.note !== null) list[i] = { ...e, note: erase(e.note) };
          });
        notes(t.supportStages);
        notes(t.plannedContacts);
        notes(t.familyStages);
        notes(t.statuses);
        for (const [id, c] of t.consents)
          if (c.caseId === caseId && c.note !== null) t.consents.set(id, { ...c, note: erase(c.note) });
        for (const [id, p] of t.plans)
          if (p.caseId === caseId)
            t.plans.set(id, {
              ...p,
              goals: p.goals.map((g) => ({ ...g, description: erase(g.description) })),
              reviews: p.reviews.map((r) => (r.note === undefined ? r : { ...r, note: erase(r.note) })),
            });
        const health = t.health.get(caseId);
        if (health?.note)
          t.health.set(caseId, { ...health, note: { ...health.note, text: erase(health.note.text) } });
        for (const [id, r] of t.referrals)
          if (r.caseId === caseId)
            t.referrals.set(id, {
              ...r,
              reason: erase(r.reason),
              requestedService: erase(r.requestedService),
              declineReason: erase(r.declineReason),
              withdrawnReason: erase(r.withdrawnReason),
              outcomeReason: erase(r.outcomeReason),
            });
        return count;
      },
    },
    audit: {
      append: async (entries) => {
        t.audit.push(...entries.map(copy));
      },
      list: async (query, request) => {
        const key = (e: AuditEntry) => ({ at: e.at, id: e.id });
        const rows = t.audit.filter((e) => auditMatches(e, query)).sort(newestFirst(key));
        return page(rows, key, request);
      },
      count: async (query) => t.audit.filter((e) => auditMatches(e, query)).length,
    },
  };
  return repos;
}

/** Cases with at least one plan whose review is overdue on `on`. */
function overdueReviewCaseIds(t: Tables, on: string): Set<string> {
  return new Set([...t.plans.values()].filter((p) => isReviewOverdue(p, on)).map((p) => p.caseId));
}
