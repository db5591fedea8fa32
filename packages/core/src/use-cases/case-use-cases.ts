import { z } from 'zod';
import {
  canOpenCase,
  canSearchPersonsByName,
  noteReadableWith,
  readableSections,
} from '../access/access-rules.ts';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import {
  addSupportingAgency,
  handOverLead,
  openingAgencyEntries,
  removeSupportingAgency,
} from '../cases/case-agencies.ts';
import {
  type ChangeFamilyStageInput,
  type ChangeStageInput,
  type ChangeStatusInput,
  changeFamilyStage,
  changeStage,
  changeStatus,
  isLeadDecision,
} from '../cases/case-changes.ts';
import { type CaseHistory, historyAsSeen } from '../cases/case-history.ts';
import {
  assertExpectedVersion,
  type CaseRecord,
  type OpenCaseInput,
  openCase,
} from '../cases/case-record.ts';
import { type Contact, type RecordContactInput, recordContact } from '../contacts/contact.ts';
import { firstDirectContactOn } from '../contacts/contact-queries.ts';
import {
  type CaseIntake,
  type HealthBackground,
  type HealthBackgroundInput,
  type IntakeInput,
  recordHealthBackground,
  recordIntake,
} from '../intake/intake.ts';
import {
  type DuplicateCandidate,
  duplicateLookupOf,
  findDuplicates,
  PossibleDuplicateError,
} from '../persons/duplicates.ts';
import {
  addHouseholdMember,
  type HouseholdMemberInput,
  type HouseholdMemberUpdateInput,
  removeHouseholdMember,
  updateHouseholdMember,
} from '../persons/household.ts';
import { nameSearchTerms, personNameQuerySchema } from '../persons/name-search.ts';
import {
  createPerson,
  type Person,
  type PersonInput,
  type PersonUpdateInput,
  updatePerson,
} from '../persons/person.ts';
import { type Page, type PageRequestInput, pageRequestSchema } from '../ports/pagination.ts';
import type { CaseListFilter } from '../ports/repositories.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, parseInput, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, HouseholdMemberId, PersonId } from '../shared/ids.ts';
import { type Consent, type ConsentInput, recordConsent } from '../sharing/consent.ts';
import type { LegalBasisRef } from '../sharing/legal-basis.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import {
  type CaseloadPart,
  type CaseloadParts,
  type CaseloadRequest,
  caseloadAuditOf,
  visibleCaseloadParts,
} from './batch-use-cases.ts';
import { type CaseView, decideCase, grantsOf, readCase, writeCase } from './case-access.ts';
import { type UseCaseRunner, type UseCaseScope, underField } from './context.ts';
import { lawfulBasis, recipientAgency, sharingRecordsOf } from './disclosure-basis.ts';

/** A household member given when a case is opened; `ref` lets the first contact name them as consulting party. */
export type OpenCaseHouseholdMember = HouseholdMemberInput & { readonly ref?: string };

/**
 * A consent taken at intake (the intake form's line for sharing information with the agencies
 * needed). A household member giving it may be named by their `ref`.
 */
export type IntakeConsent = Omit<ConsentInput, 'caseId'>;

/**
 * 受付: everything learnt in the first consultation, saved together — the person, their household, the
 * case and (usually) the first contact. Often a mother phones about her son: the household lists her
 * with `ref: 'mother'` and the first contact's consulting party is `{ kind: 'householdMember',
 * householdMemberId: 'mother' }`.
 */
export interface OpenCaseRequest {
  /** A new person; absent when the case is opened for a person on the register (`personId`). */
  readonly person?: (PersonInput & { readonly household?: readonly OpenCaseHouseholdMember[] }) | null;
  /**
   * The person on the register the case is for (a person the actor's agency supports on another
   * case); a merged id opens it for the kept person.
   */
  readonly personId?: PersonId | null;
  /**
   * A new person is first checked against the register (`findDuplicates`): likely duplicates refuse
   * the opening with `PossibleDuplicateError` unless this says the worker checked them and this is
   * someone else.
   */
  readonly confirmNotDuplicate?: boolean | null;
  /** The lead agency defaults to the actor's agency. */
  readonly case: Omit<OpenCaseInput, 'personId' | 'leadAgencyId'> & { readonly leadAgencyId?: AgencyId };
  readonly firstContact?: Omit<RecordContactInput, 'caseId' | 'agencyId' | 'staffId'> | null;
  /**
   * Consents taken at intake. Each supporting agency named in `case.supportingAgencyIds` is a
   * disclosure on the opening day and needs one of them to cover it (a new case is before no 支援会議).
   */
  readonly consents?: readonly IntakeConsent[];
  /** 受付時の状況: onset, triggers, how the case came to light. */
  readonly intake?: Omit<IntakeInput, 'expectedVersion'> | null;
  /** 心身の状況 (health section), when learnt at intake. */
  readonly healthBackground?: Omit<HealthBackgroundInput, 'expectedVersion'> | null;
}

export interface OpenedCaseResult {
  readonly case: CaseRecord;
  readonly person: Person;
  readonly firstContact: Contact | null;
  readonly consents: readonly Consent[];
  readonly intake: CaseIntake | null;
  readonly healthBackground: HealthBackground | null;
}

/** 協力機関の追加: `legalBasis` names the basis; without it any valid one on record is used. */
export interface AddSupportingAgencyInput {
  readonly agencyId: AgencyId;
  readonly expectedVersion: number;
  readonly legalBasis?: LegalBasisRef | null;
  /** Defaults to today. */
  readonly joinedOn?: CalendarDate | null;
}

export interface RemoveSupportingAgencyInput {
  readonly agencyId: AgencyId;
  readonly expectedVersion: number;
  /** Defaults to today. */
  readonly leftOn?: CalendarDate | null;
}

/** 主担当の交代 without a referral. */
export interface HandOverLeadInput {
  readonly newLeadAgencyId: AgencyId;
  readonly expectedVersion: number;
  /** The basis of the disclosure to the new lead; without it any valid one on record is used. */
  readonly legalBasis?: LegalBasisRef | null;
  /**
   * Default true: the previous lead stays on as a supporting agency, which needs a basis of its own
   * (any valid one on record, from the new lead to it); refused when there is none.
   */
  readonly keepPreviousAsSupporting?: boolean | null;
  /** Defaults to today. */
  readonly effectiveOn?: CalendarDate | null;
}

/**
 * The person on the register a case is opened for (null: a new person is given). Either `person` or
 * `personId` (`person_or_person_id`); the person must be one the actor's agency supports on a case of
 * theirs, refused alike whether unknown or out of reach. A merged id gives the kept person.
 */
async function personOfOpening(s: UseCaseScope, request: OpenCaseRequest): Promise<Person | null> {
  if (request.personId == null) {
    if (request.person == null)
      throw new ValidationError([
        { field: 'person', rule: 'person_or_person_id', message: 'give the new person or the personId' },
      ]);
    return null;
  }
  if (request.person != null)
    throw new ValidationError([
      {
        field: 'personId',
        rule: 'person_or_person_id',
        message: 'give either the new person or the personId',
      },
    ]);
  let person = await s.repos.persons.get(request.personId);
  for (let hops = 0; person?.mergedIntoId && hops < 10; hops += 1)
    person = await s.repos.persons.get(person.mergedIntoId);
  const cases = person ? await s.repos.cases.listByPersons([person.id]) : [];
  if (!person || !cases.some((c) => readableSections(s.actor, c).includes('person')))
    throw new ForbiddenError('person_read', 'person not found or not accessible');
  return person;
}

/**
 * 重複の確認: the likely duplicates of a new person on the register (`findDuplicates`), checked before
 * the case is opened. A candidate the actor's agency supports is shown whole; one out of its reach only
 * as "a record at another agency matches". Every candidate shown whole is audited as read.
 */
async function likelyDuplicates(s: UseCaseScope, input: PersonInput): Promise<DuplicateCandidate[]> {
  const person = underField('person', () => createPerson('(new)', input, s.now));
  const lookup = duplicateLookupOf(person);
  if (!lookup) return [];
  const matches = findDuplicates(person, await s.repos.persons.duplicateCandidates(lookup));
  if (matches.length === 0) return [];
  const ids = matches.map((m) => m.personId);
  const [stored, cases] = await Promise.all([s.repos.persons.getMany(ids), s.repos.cases.listByPersons(ids)]);
  const candidates = matches.map((m) => {
    const visible = cases.some(
      (c) => c.personId === m.personId && readableSections(s.actor, c).includes('person'),
    );
    const found = visible ? (stored.find((p) => p.id === m.personId) ?? null) : null;
    if (found) s.touched({ entity: 'person', entityId: found.id, caseId: null });
    return { score: m.score, rules: m.rules, person: found, outsideReach: found === null };
  });
  return candidates;
}

/** Referrals waiting for the actor's agency on these cases only: they grant it a view until it answers. */
/** What a caseload list or count is filtered by; `personName` is the text staff typed (氏名検索). */
export type CaseListCriteria = Omit<CaseListFilter, 'personName'> & { readonly personName?: string | null };

/** The storage filter for the criteria, with the name-search rule applied. */
function listFilterOf(actor: Actor, criteria: CaseListCriteria): CaseListFilter {
  const { personName, ...filter } = criteria;
  if (personName == null) return filter;
  const query = parseInput(z.object({ personName: personNameQuerySchema }), { personName }).personName;
  if (!canSearchPersonsByName(actor))
    throw new ForbiddenError('person_search', 'this role does not search cases by name');
  return { ...filter, personName: nameSearchTerms(query) };
}

function pendingTo(
  s: UseCaseScope,
  actor: Actor,
  records: readonly CaseRecord[],
): Promise<readonly Referral[]> {
  if (records.length === 0) return Promise.resolve([]);
  return s.repos.referrals.list({
    toAgencyId: actor.agencyId,
    statuses: ['sent'],
    caseIds: records.map((r) => r.id),
  });
}

/** A caseload page: the cases, and each asked part of them in the page's order. */
export interface CaseloadPage<P extends CaseloadPart> {
  readonly page: Page<CaseView>;
  readonly parts: { readonly [K in P]: readonly CaseloadParts[K][] };
}

export function caseUseCases(runner: UseCaseRunner) {
  return {
    async open(actor: Actor, request: OpenCaseRequest): Promise<OpenedCaseResult> {
      if (request.person != null && request.personId == null && request.confirmNotDuplicate !== true) {
        // Checked (and its reads audited) before the opening's transaction, which a refusal rolls back.
        const { household: _h, ...personInput } = request.person;
        const candidates = await runner.read(actor, 'person.duplicate.check', null, (s) =>
          canOpenCase(actor, request.case?.leadAgencyId ?? actor.agencyId)
            ? likelyDuplicates(s, personInput)
            : Promise.resolve([]),
        );
        if (candidates.length > 0) throw new PossibleDuplicateError(candidates);
      }
      const caseId = runner.newId();
      return runner.run(actor, 'case.open', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const leadAgencyId = request.case.leadAgencyId ?? actor.agencyId;
        if (!canOpenCase(actor, leadAgencyId))
          throw new ForbiddenError(
            'case_open',
            'only caseworkers may open a case, with their own agency as lead',
          );
        const refs = new Map<string, HouseholdMemberId>();
        const existing = await personOfOpening(s, request);
        let person: Person;
        if (existing) person = existing;
        else {
          const { household = [], ...personInput } =
            request.person ?? ({} as NonNullable<OpenCaseRequest['person']>);
          person = underField('person', () => createPerson(s.newId(), personInput, s.now));
          household.forEach(({ ref, ...member }, i) => {
            const memberId = s.newId();
            person = underField(`person.household.${i}`, () =>
              addHouseholdMember(person, memberId, member, s.now),
            );
            if (ref) refs.set(ref, memberId);
          });
        }
        const contactInput = request.firstContact
          ? {
              ...request.firstContact,
              consultingParty:
                request.firstContact.consultingParty?.kind === 'householdMember'
                  ? {
                      ...request.firstContact.consultingParty,
                      householdMemberId:
                        refs.get(request.firstContact.consultingParty.householdMemberId) ??
                        request.firstContact.consultingParty.householdMemberId,
                    }
                  : request.firstContact.consultingParty,
              caseId,
              agencyId: actor.agencyId,
              staffId: actor.staffId,
            }
          : null;
        const contact = contactInput
          ? underField('firstContact', () =>
              recordContact(s.newId(), contactInput, {
                now: s.now,
                today: s.today,
                household: person.household,
              }),
            )
          : null;
        const opened = underField('case', () =>
          openCase(
            { ...request.case, personId: person.id, leadAgencyId },
            {
              actor,
              now: s.now,
              caseId,
              firstDirectContactOn: contact ? firstDirectContactOn([contact]) : null,
            },
          ),
        );
        if (contact && contact.occurredOn < opened.record.openedOn)
          throw new ValidationError([
            {
              field: 'firstContact.occurredOn',
              rule: 'not_before_case_opened',
              message: 'the first contact is dated before the case was opened',
            },
          ]);
        const consents = (request.consents ?? []).map((input, i) =>
          underField(`consents.${i}`, () => {
            const givenBy =
              input.givenBy?.kind === 'householdMember'
                ? {
                    ...input.givenBy,
                    householdMemberId:
                      refs.get(input.givenBy.householdMemberId) ?? input.givenBy.householdMemberId,
                  }
                : input.givenBy;
            const consent = recordConsent(s.newId(), { ...input, givenBy, caseId });
            if (
              consent.givenBy.kind === 'householdMember' &&
              !person.household.some(
                (m) => m.id === (consent.givenBy as { householdMemberId: string }).householdMemberId,
              )
            )
              throw new ValidationError([
                {
                  field: 'givenBy.householdMemberId',
                  rule: 'household_member_in_household',
                  message: 'the consent giver is not in the household given',
                },
              ]);
            return consent;
          }),
        );
        const intake = request.intake
          ? underField('intake', () =>
              recordIntake(null, request.intake ?? {}, {
                caseId,
                actor,
                now: s.now,
                today: s.today,
                birthYearMonth: person.birthYearMonth,
              }),
            )
          : null;
        const health = request.healthBackground
          ? underField('healthBackground', () =>
              recordHealthBackground(null, request.healthBackground ?? {}, { caseId, actor, now: s.now }),
            )
          : null;
        // Each supporting agency named at intake is a disclosure on the opening day.
        const bases = new Map<AgencyId, LegalBasisRef>();
        for (const [i, agencyId] of opened.record.supportingAgencyIds.entries()) {
          const field = `case.supportingAgencyIds.${i}`;
          const to = await recipientAgency(s, agencyId, field);
          bases.set(
            agencyId,
            lawfulBasis(
              { caseId, fromAgencyId: leadAgencyId, to, on: opened.record.openedOn, field },
              { consents, meetings: [] },
            ),
          );
        }
        if (!existing) await s.repos.persons.insert(person);
        await s.repos.cases.insert(opened.record);
        await s.repos.caseHistory.appendSupportStage(opened.stageEntry);
        if (opened.familyStageEntry) await s.repos.caseHistory.appendFamilyStage(opened.familyStageEntry);
        await s.repos.caseHistory.appendStatus(opened.statusEntry);
        await s.repos.caseHistory.appendAgencyChanges(
          openingAgencyEntries(opened.record, bases, { actor, now: s.now }),
        );
        for (const consent of consents) {
          await s.repos.consents.insert(consent);
          s.touched({ entity: 'consent', entityId: consent.id, caseId });
        }
        if (contact) {
          await s.repos.contacts.insert(contact);
          s.touched({ entity: 'contact', entityId: contact.id, caseId });
        }
        if (intake) {
          await s.repos.intakes.save(intake);
          s.touched({ entity: 'caseIntake', entityId: caseId, caseId });
        }
        if (health) {
          await s.repos.intakes.saveHealth(health);
          s.touched({ entity: 'healthBackground', entityId: caseId, caseId });
        }
        s.touched({ entity: 'person', entityId: person.id, caseId });
        return {
          case: opened.record,
          person,
          firstContact: contact,
          consents,
          intake,
          healthBackground: health,
        };
      });
    },

    /** One case as the actor may see it. Refused alike whether it does not exist or is not theirs. */
    get(actor: Actor, caseId: CaseId): Promise<CaseView> {
      return runner.run(actor, 'case.read', { entity: 'case', entityId: caseId, caseId }, (s) =>
        readCase(s, caseId),
      );
    },

    /**
     * Several cases at once (for batching): the visible ones, in the order asked, null for the rest.
     * Each visible case read is audited.
     */
    getMany(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (CaseView | null)[]> {
      return runner.read(actor, 'case.read', null, async (s) => {
        const records = await s.repos.cases.getMany(caseIds);
        const pending = await pendingTo(s, actor, records);
        const byId = new Map(records.map((r) => [r.id, r]));
        return caseIds.map((id) => {
          const record = byId.get(id);
          if (!record) return null;
          const sections = readableSections(actor, record, grantsOf(pending.filter((r) => r.caseId === id)));
          if (sections.length === 0) return null;
          s.touched({ entity: 'case', entityId: id, caseId: id });
          return { record, readableSections: sections };
        });
      });
    },

    /** 担当ケース一覧: the cases the actor's agency may see, filtered, newest first. Every case listed is audited. */
    async list(
      actor: Actor,
      criteria: CaseListCriteria = {},
      page: PageRequestInput = {},
    ): Promise<Page<CaseView>> {
      const request = parseInput(pageRequestSchema, page);
      const filter = listFilterOf(actor, criteria);
      return runner.read(actor, 'case.list', null, async (s) => {
        const result = await s.repos.cases.list({ visibleToAgencyId: actor.agencyId, filter, page: request });
        const pending = await pendingTo(s, actor, result.items);
        const items = result.items.map((record) => {
          s.touched({ entity: 'case', entityId: record.id, caseId: record.id });
          return {
            record,
            readableSections: readableSections(
              actor,
              record,
              grantsOf(pending.filter((r) => r.caseId === record.id)),
            ),
          };
        });
        return { ...result, items };
      });
    },

    /**
     * A caseload screen in one read: the page of `list` with the asked parts of each case (null or
     * empty where the actor may not read them, as `batch.caseload` gives them). The store reads the
     * page and its parts together. Each case listed is audited by ONE `case.list` entry naming the
     * sections its parts handed out.
     */
    async caseload<P extends CaseloadPart>(
      actor: Actor,
      criteria: CaseListCriteria,
      page: PageRequestInput,
      parts: readonly P[],
    ): Promise<CaseloadPage<P>> {
      const request = parseInput(pageRequestSchema, page);
      const filter = listFilterOf(actor, criteria);
      return runner.read(actor, 'case.list', null, async (s) => {
        const has = (part: CaseloadPart) => (parts as readonly CaseloadPart[]).includes(part);
        const rows = await s.repos.cases.listCaseload(
          { visibleToAgencyId: actor.agencyId, filter, page: request },
          {
            person: has('person'),
            personSummary: has('personSummary'),
            lastContact: has('lastContact'),
            latestAssessment: has('latestAssessment'),
            latestAssessmentSummary: has('latestAssessmentSummary'),
            plans: has('plans'),
            reviewsDue: has('reviewsDue'),
          },
          caseloadAuditOf(s, request.first, parts),
        );
        if (rows.audited)
          s.auditedWithRead(
            rows.audited.map((a) => ({
              entity: 'case',
              entityId: a.caseId,
              caseId: a.caseId,
              sections: a.sections,
            })),
          );
        const records = rows.page.items;
        const pending = rows.openReferrals.filter(
          (r) => r.toAgencyId === actor.agencyId && r.status === 'sent',
        );
        const items = records.map((record) => {
          s.touched({ entity: 'case', entityId: record.id, caseId: record.id });
          return {
            record,
            readableSections: readableSections(
              actor,
              record,
              grantsOf(pending.filter((r) => r.caseId === record.id)),
            ),
          };
        });
        const ids = records.map((r) => r.id);
        const within = <T extends { caseId: CaseId }>(all: readonly T[], caseIds: readonly CaseId[]) =>
          all.filter((x) => caseIds.includes(x.caseId));
        const partsRead = await visibleCaseloadParts(
          s,
          Object.fromEntries(parts.map((p) => [p, ids])) as CaseloadRequest,
          records,
          rows.openReferrals,
          {
            persons: async (personIds) => rows.persons.filter((p) => personIds.includes(p.id)),
            personSummaries: async (personIds) =>
              rows.personSummaries.filter((p) => personIds.includes(p.id)),
            latestContacts: async (caseIds) => within(rows.lastContacts, caseIds),
            latestAssessments: async (caseIds) => within(rows.latestAssessments, caseIds),
            latestAssessmentSummaries: async (caseIds) => within(rows.latestAssessmentSummaries, caseIds),
            plans: async (caseIds) => within(rows.plans, caseIds),
            reviewsDue: async (caseIds) => within(rows.reviewsDue, caseIds),
            // Not part of the one-statement page: read only when a caseload asks for them.
            assignees: (caseIds) => s.repos.assignments.openOfCases(caseIds),
          },
        );
        return { page: { ...rows.page, items }, parts: partsRead as CaseloadPage<P>['parts'] };
      });
    },

    /**
     * How many cases `list` gives for the same criteria (counts on list screens). Reads no case's
     * content, so nothing is audited.
     */
    count(actor: Actor, criteria: CaseListCriteria = {}): Promise<number> {
      const filter = listFilterOf(actor, criteria);
      return runner.read(actor, 'case.count', null, (s) =>
        s.repos.cases.count({ visibleToAgencyId: actor.agencyId, filter }),
      );
    },

    history(actor: Actor, caseId: CaseId): Promise<CaseHistory> {
      return runner.run(
        actor,
        'case.history.read',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const view = await readCase(s, caseId, 'summary');
          const [supportStages, familyStages, statuses, agencies] = await Promise.all([
            s.repos.caseHistory.supportStages(caseId),
            s.repos.caseHistory.familyStages(caseId),
            s.repos.caseHistory.statuses(caseId),
            s.repos.caseHistory.agencyChanges(caseId),
          ]);
          // Notes are progress record (contacts section): a reader of the summary alone gets none.
          return historyAsSeen({ supportStages, familyStages, statuses, agencies }, (visibility) =>
            noteReadableWith(view.readableSections, visibility),
          );
        },
      );
    },

    /** The person of a case; the household only to those who may read that section. */
    person(actor: Actor, caseId: CaseId): Promise<Person> {
      return runner.run(actor, 'person.read', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const view = await readCase(s, caseId, 'person');
        const person = await s.repos.persons.get(view.record.personId);
        if (!person) throw new ForbiddenError('case_read', 'case not found or not accessible');
        s.touched({ entity: 'person', entityId: person.id, caseId });
        return view.readableSections.includes('household') ? person : { ...person, household: [] };
      });
    },

    /** 支援段階の変更 (forward one step, or back with a reason such as re-withdrawal). */
    changeStage(
      actor: Actor,
      caseId: CaseId,
      input: ChangeStageInput,
    ): Promise<{ case: CaseRecord; entry: SupportStageChange }> {
      return runner.run(
        actor,
        'case.stage.change',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const [history, contacts] = await Promise.all([
            s.repos.caseHistory.supportStages(caseId),
            s.repos.contacts.listByCase(caseId),
          ]);
          const change = changeStage(record, history, input, {
            actor,
            now: s.now,
            firstDirectContactOn: firstDirectContactOn(contacts),
          });
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendSupportStage(change.entry);
          return { case: change.record, entry: change.entry };
        },
      );
    },

    changeFamilyStage(
      actor: Actor,
      caseId: CaseId,
      input: ChangeFamilyStageInput,
    ): Promise<{ case: CaseRecord; entry: FamilyStageChange }> {
      return runner.run(
        actor,
        'case.familyStage.change',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const history = await s.repos.caseHistory.familyStages(caseId);
          const change = changeFamilyStage(record, history, input, { actor, now: s.now });
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendFamilyStage(change.entry);
          return { case: change.record, entry: change.entry };
        },
      );
    },

    /** 小休止・連絡途絶・終結・再開. Closing and reopening are decisions of the lead agency. */
    changeStatus(
      actor: Actor,
      caseId: CaseId,
      input: ChangeStatusInput,
    ): Promise<{ case: CaseRecord; entry: CaseStatusChange }> {
      return runner.run(
        actor,
        'case.status.change',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const current = await writeCase(s, caseId);
          const record = isLeadDecision(current.status.state, input.to)
            ? await decideCase(s, caseId)
            : current;
          const history = await s.repos.caseHistory.statuses(caseId);
          const change = changeStatus(record, history, input, { actor, now: s.now });
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendStatus(change.entry);
          return { case: change.record, entry: change.entry };
        },
      );
    },

    /**
     * 協力機関の追加 (joint support without handoff): a lead decision, and a disclosure to the agency
     * that needs a legal basis on the joining day (named, or any valid one on record). The joining is
     * recorded in the case's agency history with that basis.
     */
    addSupportingAgency(actor: Actor, caseId: CaseId, input: AddSupportingAgencyInput): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.supportingAgency.add',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await decideCase(s, caseId);
          assertExpectedVersion(record, input.expectedVersion);
          const to = await recipientAgency(s, input.agencyId, 'agencyId');
          const joinedOn = input.joinedOn ?? s.today;
          const [history, records] = await Promise.all([
            s.repos.caseHistory.agencyChanges(caseId),
            sharingRecordsOf(s, caseId, input.legalBasis),
          ]);
          const legalBasis = lawfulBasis(
            {
              caseId,
              fromAgencyId: actor.agencyId,
              to,
              on: joinedOn,
              basis: input.legalBasis ?? null,
              field: 'legalBasis',
            },
            records,
          );
          const change = addSupportingAgency(
            record,
            history,
            to.id,
            { legalBasis, effectiveOn: joinedOn, via: 'added' },
            { actor, now: s.now },
          );
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendAgencyChanges(change.entries);
          return change.record;
        },
      );
    },

    /** A supporting agency leaves: the lead decides, or the supporting agency withdraws itself. */
    removeSupportingAgency(
      actor: Actor,
      caseId: CaseId,
      input: RemoveSupportingAgencyInput,
    ): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.supportingAgency.remove',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const itself = input.agencyId === actor.agencyId;
          const record = itself ? await writeCase(s, caseId) : await decideCase(s, caseId);
          assertExpectedVersion(record, input.expectedVersion);
          const history = await s.repos.caseHistory.agencyChanges(caseId);
          const change = removeSupportingAgency(
            record,
            history,
            input.agencyId,
            { effectiveOn: input.leftOn ?? s.today, via: itself ? 'withdrew' : 'removed' },
            { actor, now: s.now },
          );
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendAgencyChanges(change.entries);
          return change.record;
        },
      );
    },

    /**
     * 主担当の交代 without a referral (e.g. both agencies agreed in a case conference): a disclosure to
     * the new lead, and — when the previous lead stays on — from the new lead to the previous one; each
     * needs its legal basis on the handover day.
     */
    handOverLead(actor: Actor, caseId: CaseId, input: HandOverLeadInput): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.lead.handover',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await decideCase(s, caseId);
          assertExpectedVersion(record, input.expectedVersion);
          const to = await recipientAgency(s, input.newLeadAgencyId, 'newLeadAgencyId');
          const on = input.effectiveOn ?? s.today;
          const [history, records, previous] = await Promise.all([
            s.repos.caseHistory.agencyChanges(caseId),
            sharingRecordsOf(s, caseId, input.legalBasis),
            s.repos.agencies.get(record.leadAgencyId),
          ]);
          const legalBasis = lawfulBasis(
            {
              caseId,
              fromAgencyId: actor.agencyId,
              to,
              on,
              basis: input.legalBasis ?? null,
              field: 'legalBasis',
            },
            records,
          );
          const previousLeadStaysOn =
            input.keepPreviousAsSupporting === false || !previous
              ? null
              : lawfulBasis(
                  {
                    caseId,
                    fromAgencyId: to.id,
                    to: previous,
                    on,
                    field: 'keepPreviousAsSupporting',
                  },
                  records,
                );
          const change = handOverLead(
            record,
            history,
            to.id,
            { legalBasis, effectiveOn: on, previousLeadStaysOn },
            { actor, now: s.now },
          );
          await s.repos.cases.update(change.record);
          await s.repos.caseHistory.appendAgencyChanges(change.entries);
          return change.record;
        },
      );
    },

    updatePerson(actor: Actor, caseId: CaseId, input: PersonUpdateInput): Promise<Person> {
      return personChange(runner, actor, caseId, 'person.update', (p, now) => updatePerson(p, input, now));
    },

    addHouseholdMember(actor: Actor, caseId: CaseId, input: HouseholdMemberInput): Promise<Person> {
      const memberId = runner.newId();
      return personChange(runner, actor, caseId, 'household.add', (p, now) =>
        addHouseholdMember(p, memberId, input, now),
      );
    },

    updateHouseholdMember(
      actor: Actor,
      caseId: CaseId,
      memberId: HouseholdMemberId,
      input: HouseholdMemberUpdateInput,
    ): Promise<Person> {
      return personChange(runner, actor, caseId, 'household.update', (p, now) =>
        updateHouseholdMember(p, memberId, input, now),
      );
    },

    removeHouseholdMember(actor: Actor, caseId: CaseId, memberId: HouseholdMemberId): Promise<Person> {
      return personChange(runner, actor, caseId, 'household.remove', (p, now) =>
        removeHouseholdMember(p, memberId, now),
      );
    },
  };
}

function personChange(
  runner: UseCaseRunner,
  actor: Actor,
  caseId: CaseId,
  operation: string,
  change: (person: Person, now: Date) => Person,
): Promise<Person> {
  return runner.run(actor, operation, { entity: 'case', entityId: caseId, caseId }, async (s) => {
    const record = await writeCase(s, caseId);
    const person = await s.repos.persons.get(record.personId);
    if (!person) throw new ForbiddenError('case_write', 'case not found or not accessible');
    const next = change(person, s.now);
    await s.repos.persons.update(next);
    s.touched({ entity: 'person', entityId: person.id, caseId });
    return next;
  });
}

export type CaseUseCases = ReturnType<typeof caseUseCases>;
