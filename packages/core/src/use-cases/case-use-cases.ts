import { z } from 'zod';
import { canOpenCase, canSearchPersonsByName, readableSections } from '../access/access-rules.ts';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import { addSupportingAgency, handOverLead, removeSupportingAgency } from '../cases/case-agencies.ts';
import {
  type ChangeFamilyStageInput,
  type ChangeStageInput,
  type ChangeStatusInput,
  changeFamilyStage,
  changeStage,
  changeStatus,
  isLeadDecision,
} from '../cases/case-changes.ts';
import {
  assertExpectedVersion,
  type CaseRecord,
  type OpenCaseInput,
  openCase,
} from '../cases/case-record.ts';
import { type Contact, type RecordContactInput, recordContact } from '../contacts/contact.ts';
import { firstDirectContactOn } from '../contacts/contact-queries.ts';
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
import { ForbiddenError, parseInput, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, HouseholdMemberId } from '../shared/ids.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import { type CaseView, decideCase, grantsOf, readCase, writeCase } from './case-access.ts';
import { type UseCaseRunner, type UseCaseScope, underField } from './context.ts';

/** A household member given when a case is opened; `ref` lets the first contact name them as consulting party. */
export type OpenCaseHouseholdMember = HouseholdMemberInput & { readonly ref?: string };

/**
 * 受付: everything learnt in the first consultation, saved together — the person, their household, the
 * case and (usually) the first contact. Often a mother phones about her son: the household lists her
 * with `ref: 'mother'` and the first contact's consulting party is `{ kind: 'householdMember',
 * householdMemberId: 'mother' }`.
 */
export interface OpenCaseRequest {
  readonly person: PersonInput & { readonly household?: readonly OpenCaseHouseholdMember[] };
  /** The lead agency defaults to the actor's agency. */
  readonly case: Omit<OpenCaseInput, 'personId' | 'leadAgencyId'> & { readonly leadAgencyId?: AgencyId };
  readonly firstContact?: Omit<RecordContactInput, 'caseId' | 'agencyId' | 'staffId'> | null;
}

export interface OpenedCaseResult {
  readonly case: CaseRecord;
  readonly person: Person;
  readonly firstContact: Contact | null;
}

export interface CaseHistory {
  readonly supportStages: readonly SupportStageChange[];
  readonly familyStages: readonly FamilyStageChange[];
  readonly statuses: readonly CaseStatusChange[];
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

export function caseUseCases(runner: UseCaseRunner) {
  return {
    async open(actor: Actor, request: OpenCaseRequest): Promise<OpenedCaseResult> {
      const caseId = runner.newId();
      return runner.run(actor, 'case.open', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const leadAgencyId = request.case.leadAgencyId ?? actor.agencyId;
        if (!canOpenCase(actor, leadAgencyId))
          throw new ForbiddenError(
            'case_open',
            'only caseworkers may open a case, with their own agency as lead',
          );
        const { household = [], ...personInput } = request.person ?? ({} as OpenCaseRequest['person']);
        let person = underField('person', () => createPerson(s.newId(), personInput, s.now));
        const refs = new Map<string, HouseholdMemberId>();
        household.forEach(({ ref, ...member }, i) => {
          const memberId = s.newId();
          person = underField(`person.household.${i}`, () =>
            addHouseholdMember(person, memberId, member, s.now),
          );
          if (ref) refs.set(ref, memberId);
        });
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
        await s.repos.persons.insert(person);
        await s.repos.cases.insert(opened.record);
        await s.repos.caseHistory.appendSupportStage(opened.stageEntry);
        if (opened.familyStageEntry) await s.repos.caseHistory.appendFamilyStage(opened.familyStageEntry);
        await s.repos.caseHistory.appendStatus(opened.statusEntry);
        if (contact) {
          await s.repos.contacts.insert(contact);
          s.touched({ entity: 'contact', entityId: contact.id, caseId });
        }
        s.touched({ entity: 'person', entityId: person.id, caseId });
        return { case: opened.record, person, firstContact: contact };
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
      return runner.run(actor, 'case.read', null, async (s) => {
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
      return runner.run(actor, 'case.list', null, async (s) => {
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
     * How many cases `list` gives for the same criteria (counts on list screens). Reads no case's
     * content, so nothing is audited.
     */
    count(actor: Actor, criteria: CaseListCriteria = {}): Promise<number> {
      const filter = listFilterOf(actor, criteria);
      return runner.run(actor, 'case.count', null, (s) =>
        s.repos.cases.count({ visibleToAgencyId: actor.agencyId, filter }),
      );
    },

    history(actor: Actor, caseId: CaseId): Promise<CaseHistory> {
      return runner.run(
        actor,
        'case.history.read',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await readCase(s, caseId, 'summary');
          const [supportStages, familyStages, statuses] = await Promise.all([
            s.repos.caseHistory.supportStages(caseId),
            s.repos.caseHistory.familyStages(caseId),
            s.repos.caseHistory.statuses(caseId),
          ]);
          return { supportStages, familyStages, statuses };
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

    /** 協力機関の追加 (joint support without handoff): a lead decision. */
    addSupportingAgency(
      actor: Actor,
      caseId: CaseId,
      agencyId: AgencyId,
      expectedVersion: number,
    ): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.supportingAgency.add',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await decideCase(s, caseId);
          assertExpectedVersion(record, expectedVersion);
          if (!(await s.repos.agencies.get(agencyId)))
            throw new ValidationError([
              { field: 'agencyId', rule: 'exists', message: `agency ${agencyId} not found` },
            ]);
          const next = addSupportingAgency(record, agencyId, { actor, now: s.now });
          await s.repos.cases.update(next);
          return next;
        },
      );
    },

    /** A supporting agency leaves: the lead decides, or the supporting agency withdraws itself. */
    removeSupportingAgency(
      actor: Actor,
      caseId: CaseId,
      agencyId: AgencyId,
      expectedVersion: number,
    ): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.supportingAgency.remove',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record =
            agencyId === actor.agencyId ? await writeCase(s, caseId) : await decideCase(s, caseId);
          assertExpectedVersion(record, expectedVersion);
          const next = removeSupportingAgency(record, agencyId, { actor, now: s.now });
          await s.repos.cases.update(next);
          return next;
        },
      );
    },

    /** 主担当の交代 without a referral (e.g. both agencies agreed in a case conference). */
    handOverLead(
      actor: Actor,
      caseId: CaseId,
      input: { newLeadAgencyId: AgencyId; keepPreviousAsSupporting?: boolean; expectedVersion: number },
    ): Promise<CaseRecord> {
      return runner.run(
        actor,
        'case.lead.handover',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await decideCase(s, caseId);
          assertExpectedVersion(record, input.expectedVersion);
          if (!(await s.repos.agencies.get(input.newLeadAgencyId)))
            throw new ValidationError([
              {
                field: 'newLeadAgencyId',
                rule: 'exists',
                message: `agency ${input.newLeadAgencyId} not found`,
              },
            ]);
          const next = handOverLead(record, input.newLeadAgencyId, input.keepPreviousAsSupporting ?? true, {
            actor,
            now: s.now,
          });
          await s.repos.cases.update(next);
          return next;
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
