import type { Actor, StaffRole } from '../shared/actor.ts';
import { ALL_CASE_SECTIONS, type CaseSection } from '../shared/case-section.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';

/**
 * Who may see and change a case (要配慮個人情報: access is scoped by agency and role).
 *
 * - The lead agency and every supporting agency support the case: their staff and supervisors read and
 *   write it; their auditors read it (read-only); their agency admins manage accounts, not casework, and
 *   see only the case summary; their operators (参加記録担当) see only the summary too, and record the
 *   case's attendance at the agency's own places.
 * - An agency that has been sent a referral sees only the sections the referral shares until it accepts
 *   (accepting makes it a supporting agency). Declined or withdrawn referrals give nothing.
 * - Every other agency sees nothing — not even that the case exists.
 * - Free-text notes (of contacts, and of stage and status changes) belong to the contacts section
 *   (相談・支援記録), never to the summary: a reader of the summary alone never reads a note.
 * - Disclosing a case to another agency needs a legal basis: that rule is sharing/legal-basis.ts's
 *   `assertDisclosureAllowed`, which every disclosure path calls.
 *
 * These are the only rules; the gateway and repositories call them, they never re-decide.
 */

/** What access rules need to know of a case: structural, so any case shape fits. */
export interface CaseParticipants {
  readonly leadAgencyId: AgencyId;
  readonly supportingAgencyIds: readonly AgencyId[];
}

/** What access rules need to know of a referral of the case. */
export interface ReferralGrant {
  readonly toAgencyId: AgencyId;
  readonly status: string;
  readonly sharedSections: readonly CaseSection[];
}

export type CaseRelation = 'lead' | 'supporting' | 'referralRecipient' | 'none';

export function caseRelation(
  agencyId: AgencyId,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
): CaseRelation {
  if (participants.leadAgencyId === agencyId) return 'lead';
  if (participants.supportingAgencyIds.includes(agencyId)) return 'supporting';
  if (referrals.some((r) => r.toAgencyId === agencyId && isPendingGrant(r))) return 'referralRecipient';
  return 'none';
}

/** A referral shares its sections only while it waits for an answer. */
function isPendingGrant(r: ReferralGrant): boolean {
  return r.status === 'sent';
}

const CASEWORK_ROLES: readonly StaffRole[] = ['staff', 'supervisor'];

/** The sections of a case the actor may read. Empty means the case is invisible to them. */
export function readableSections(
  actor: Actor,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
): readonly CaseSection[] {
  const relation = caseRelation(actor.agencyId, participants, referrals);
  switch (relation) {
    case 'lead':
    case 'supporting':
      if (actor.role === 'agencyAdmin' || actor.role === 'operator') return ['summary'];
      return ALL_CASE_SECTIONS;
    case 'referralRecipient': {
      if (actor.role === 'agencyAdmin' || actor.role === 'operator') return [];
      const shared = new Set<CaseSection>();
      for (const r of referrals) {
        if (r.toAgencyId === actor.agencyId && isPendingGrant(r))
          for (const s of r.sharedSections) shared.add(s);
      }
      return ALL_CASE_SECTIONS.filter((s) => shared.has(s));
    }
    case 'none':
      return [];
  }
}

export function canReadCase(
  actor: Actor,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
): boolean {
  return readableSections(actor, participants, referrals).length > 0;
}

export function canReadSection(
  actor: Actor,
  section: CaseSection,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
): boolean {
  return readableSections(actor, participants, referrals).includes(section);
}

/**
 * 氏名検索: searching cases by the person's name tells who is in the register, so it covers only the
 * cases the actor's agency supports, and only for roles that read their person section there (not
 * agency admins, who see summaries). A referral's recipient finds its cases in its referral inbox.
 */
export function canSearchPersonsByName(actor: Actor): boolean {
  return readableSections(actor, { leadAgencyId: actor.agencyId, supportingAgencyIds: [] }).includes(
    'person',
  );
}

/** Casework (contacts, stages, plans, referrals sent) is written by staff and supervisors of involved agencies. */
export function canWriteCase(actor: Actor, participants: CaseParticipants): boolean {
  const relation = caseRelation(actor.agencyId, participants);
  return (relation === 'lead' || relation === 'supporting') && CASEWORK_ROLES.includes(actor.role);
}

/**
 * 参加記録: attendance at a place is recorded by the agency running it, for a case that agency works
 * on (joint support counts): by its caseworkers, or by its operators, who need no casework access.
 */
export function canRecordAttendance(
  actor: Actor,
  participants: CaseParticipants,
  placeAgencyId: AgencyId,
): boolean {
  if (actor.agencyId !== placeAgencyId) return false;
  if (actor.role === 'operator') {
    const relation = caseRelation(actor.agencyId, participants);
    return relation === 'lead' || relation === 'supporting';
  }
  return canWriteCase(actor, participants);
}

/** Sessions of a place (their headcount included) are kept by its agency's caseworkers and operators. */
export function canOperatePlace(actor: Actor, placeAgencyId: AgencyId): boolean {
  return (
    actor.agencyId === placeAgencyId && (CASEWORK_ROLES.includes(actor.role) || actor.role === 'operator')
  );
}

/**
 * 訂正・取消 of a record (a contact): by caseworkers of the agency that wrote it, while their agency
 * still works on the case. Another agency's record is theirs to correct, never ours.
 */
export function canCorrectRecord(
  actor: Actor,
  record: { readonly agencyId: AgencyId },
  participants: CaseParticipants,
): boolean {
  return canWriteCase(actor, participants) && record.agencyId === actor.agencyId;
}

/** Closing, reopening and handing over the lead are decisions of the lead agency. */
export function canDecideForCase(actor: Actor, participants: CaseParticipants): boolean {
  return caseRelation(actor.agencyId, participants) === 'lead' && CASEWORK_ROLES.includes(actor.role);
}

/** Opening a new case: casework roles, with their own agency as lead. */
export function canOpenCase(actor: Actor, leadAgencyId: AgencyId): boolean {
  return actor.agencyId === leadAgencyId && CASEWORK_ROLES.includes(actor.role);
}

/** Answering a referral (accept/decline/complete) belongs to the receiving agency's caseworkers. */
export function canRespondToReferral(actor: Actor, referral: { readonly toAgencyId: AgencyId }): boolean {
  return actor.agencyId === referral.toAgencyId && CASEWORK_ROLES.includes(actor.role);
}

/** The audit log is read by auditors and agency admins, for their own agency's actions. */
export function canReadAuditLog(actor: Actor, agencyId: AgencyId): boolean {
  return actor.agencyId === agencyId && (actor.role === 'auditor' || actor.role === 'agencyAdmin');
}

/**
 * 閲覧記録 of one case, every agency's reads and writes of it: for the lead agency, which answers to
 * the person for who has seen the record. Its auditors and agency admins (whose job the log is) and
 * its caseworkers (who field the person's question) may read it; supporting agencies may not, nor
 * anyone else. The entries hold ids and operation names only.
 */
export function canReadCaseAuditTrail(actor: Actor, participants: CaseParticipants): boolean {
  return caseRelation(actor.agencyId, participants) === 'lead';
}

/**
 * 開示請求 (disclosure of one person's whole record under the personal information protection act):
 * prepared by the lead agency's caseworkers (staff and supervisors), who know the record and apply
 * its note walls. Agency admins and auditors do not casework; supporting agencies answer requests for
 * their own records outside this register.
 */
export function canExportDisclosure(actor: Actor, participants: CaseParticipants): boolean {
  return caseRelation(actor.agencyId, participants) === 'lead' && CASEWORK_ROLES.includes(actor.role);
}

/**
 * 異動: moving all of one staff member's cases to another is for the agency's supervisors (who
 * allocate the caseload) and its admin (who handles the accounts of staff leaving).
 */
export function canRotateStaff(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'agencyAdmin';
}

/** Agency accounts and settings are managed by that agency's admin. */
export function canManageAgency(actor: Actor, agencyId: AgencyId): boolean {
  return actor.agencyId === agencyId && actor.role === 'agencyAdmin';
}

/**
 * ネットワーク管理者: the agency admin of the network's coordinating agency (the one the register was
 * set up with, usually the prefecture's hikikomori regional support centre) brings new agencies in:
 * registers them, invites them, revokes invitations.
 */
export function canAdministerNetwork(
  actor: Actor,
  actorAgency: { readonly id: AgencyId; readonly networkCoordinator: boolean } | null,
): boolean {
  return actor.role === 'agencyAdmin' && actorAgency?.id === actor.agencyId && actorAgency.networkCoordinator;
}

/**
 * Who a note is being shown to. Staff of agencies that may read contacts see every note; when a record
 * is disclosed to the family or to the person (開示), walled notes stay behind their wall.
 */
export type NoteAudience = 'staff' | 'family' | 'person';
export type NoteVisibility = 'normal' | 'notForFamily' | 'notForPerson';

export function noteVisibleTo(visibility: NoteVisibility, audience: NoteAudience): boolean {
  if (audience === 'family') return visibility !== 'notForFamily';
  if (audience === 'person') return visibility !== 'notForPerson';
  return true;
}

/** May the actor read a note's text? Needs the contacts section and, for disclosure, the wall to allow it. */
export function canReadNote(
  actor: Actor,
  visibility: NoteVisibility,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
  audience: NoteAudience = 'staff',
): boolean {
  return noteReadableWith(readableSections(actor, participants, referrals), visibility, audience);
}

/** The same decision from the sections already worked out for the actor (a `CaseView`). */
export function noteReadableWith(
  sections: readonly CaseSection[],
  visibility: NoteVisibility,
  audience: NoteAudience = 'staff',
): boolean {
  return sections.includes('contacts') && noteVisibleTo(visibility, audience);
}

export function assertCanReadCase(
  actor: Actor,
  participants: CaseParticipants,
  referrals: readonly ReferralGrant[] = [],
): void {
  if (!canReadCase(actor, participants, referrals))
    throw new ForbiddenError('case_read', 'case not found or not accessible');
}

export function assertCanWriteCase(actor: Actor, participants: CaseParticipants): void {
  if (!canWriteCase(actor, participants))
    throw new ForbiddenError('case_write', 'not allowed to change this case');
}

export function assertCanDecideForCase(actor: Actor, participants: CaseParticipants): void {
  if (!canDecideForCase(actor, participants))
    throw new ForbiddenError('case_lead_decision', 'only caseworkers of the lead agency may do this');
}
