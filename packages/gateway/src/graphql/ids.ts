import { parseInput, text, ValidationError } from '@hikikomori-register/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';

/**
 * The node types whose key inside the global id carries the record they are read through
 * (`scopeId/recordId`): a record of a case carries its case, a dispatch its supporter, and so on, so
 * that `node(id)` reads it through the same access-checked (and, for a case, audited) path as the
 * field that lists it.
 */
const SCOPED_TYPENAMES = [
  'Referral',
  'Contact',
  'Assessment',
  'SupportPlan',
  'Consent',
  'Attendance',
  'Placement',
  'ContactCorrection',
  'AssessmentCorrection',
  'SupporterDispatch',
  'ApiToken',
  'PersonMerge',
  'AuditEntry',
  'ChecklistDefinition',
] as const;

/** Node types whose global id is their plain id. */
const PLAIN_TYPENAMES = [
  'Agency',
  'Case',
  'Person',
  'Place',
  'Programme',
  'ProgrammeSession',
  'CaseConference',
  'SupportMeeting',
  'Supporter',
  'StaffMember',
  'AgencyInvitation',
  'AnonymousConsultation',
  'Area',
] as const;

/** Every type implementing Relay `Node`. */
export const NODE_TYPENAMES: readonly string[] = [...PLAIN_TYPENAMES, ...SCOPED_TYPENAMES];

export type ScopedTypename = (typeof SCOPED_TYPENAMES)[number];
export type NodeTypename = (typeof PLAIN_TYPENAMES)[number] | ScopedTypename;

/** Records of a case whose global id carries the case (`caseId/recordId`), like a referral's. */
export type CaseRecordTypename =
  | 'Contact'
  | 'Assessment'
  | 'SupportPlan'
  | 'Consent'
  | 'Attendance'
  | 'Placement';

function invalid(typename: string, field: string): ValidationError {
  return new ValidationError([{ field, rule: 'global_id', message: `not a ${typename} id` }]);
}

/** A plain (non-global) id typed into the register, e.g. a staff id, held to the text rule; `field` names it. */
export function plainIdOf(value: string | number, field: string): string {
  return parseInput(z.object({ [field]: text('id') }), { [field]: String(value) })[field] as string;
}

/** The key inside a global id of `typename`; a wrong or malformed id fails naming `field`. */
export function localId(typename: NodeTypename, globalId: string, field: string): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw invalid(typename, field);
  }
  if (decoded.typename !== typename || !decoded.id) throw invalid(typename, field);
  return decoded.id;
}

export function localIds(
  typename: NodeTypename,
  globalIds: readonly string[] | null | undefined,
  field: string,
) {
  return (globalIds ?? []).map((id, i) => localId(typename, id, `${field}.${i}`));
}

export function globalId(typename: NodeTypename, id: string): string {
  return encodeGlobalID(typename, id);
}

/** The key of a scoped node (see `SCOPED_TYPENAMES`): its scope, then its own id. */
export function scopedKey(scopeId: string, recordId: string): string {
  return `${scopeId}/${recordId}`;
}

/** A scoped key split into scope and record id; null when it is not one. */
export function splitKey(key: string): { scopeId: string; recordId: string } | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return null;
  return { scopeId: key.slice(0, slash), recordId: key.slice(slash + 1) };
}

/**
 * A referral's global id carries its case (`caseId/referralId`): the core reads referrals through
 * their case, so a lookup by id is access-checked like any read of the case.
 */
export const referralKey = scopedKey;

/** A case record's key inside its global id: its case, then its own id. */
export const caseRecordKey = scopedKey;

/**
 * The record id given in an input for a record of `typename`: its global id (as `id` gives it), or
 * its plain id, which inputs took before these records were nodes. A global id of another node type,
 * or a malformed one, fails naming `field`.
 */
export function recordIdOf(typename: NodeTypename, value: string | number, field: string): string {
  const given = String(value);
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(given);
  } catch {
    decoded = null;
  }
  if (!decoded || !NODE_TYPENAMES.includes(decoded.typename)) return plainIdOf(given, field);
  if (decoded.typename !== typename || !decoded.id) throw invalid(typename, field);
  if (!(SCOPED_TYPENAMES as readonly string[]).includes(typename)) return decoded.id;
  const parts = splitKey(decoded.id);
  if (!parts) throw invalid(typename, field);
  return parts.recordId;
}

/** `recordIdOf` for a record of a case. */
export function caseRecordIdOf(typename: CaseRecordTypename, value: string | number, field: string): string {
  return recordIdOf(typename, value, field);
}

/** `recordIdOf` for an optional input: null stays null. */
export function optionalRecordIdOf(
  typename: NodeTypename,
  value: string | number | null | undefined,
  field: string,
): string | null {
  return value == null ? null : recordIdOf(typename, value, field);
}

export function referralIds(globalIdValue: string, field: string): { caseId: string; referralId: string } {
  const parts = splitKey(localId('Referral', globalIdValue, field));
  if (!parts) throw invalid('Referral', field);
  return { caseId: parts.scopeId, referralId: parts.recordId };
}
