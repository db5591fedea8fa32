import { parseInput, text, ValidationError } from '@hikikomori-register/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';

/** The node types whose ids are global (Relay) ids; other records carry their plain id. */
export type NodeTypename = 'Agency' | 'Case' | 'Referral' | CaseRecordTypename;

/** Records of a case whose global id carries the case (`caseId/recordId`), like a referral's. */
export type CaseRecordTypename = 'Contact' | 'Assessment' | 'SupportPlan';

function invalid(typename: string, field: string): ValidationError {
  return new ValidationError([{ field, rule: 'global_id', message: `not a ${typename} id` }]);
}

/** A plain (non-global) id typed into the register, e.g. a staff id, held to the text rule; `field` names it. */
export function plainIdOf(value: string | number, field: string): string {
  return parseInput(z.object({ [field]: text('id') }), { [field]: String(value) })[field] as string;
}

/** The record id inside a global id of `typename`; a wrong or malformed id fails naming `field`. */
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

/**
 * A referral's global id carries its case (`caseId/referralId`): the core reads referrals through
 * their case, so a lookup by id is access-checked like any read of the case.
 */
export function referralKey(caseId: string, referralId: string): string {
  return `${caseId}/${referralId}`;
}

/** A case record's key inside its global id: its case, then its own id. */
export const caseRecordKey = referralKey;

/**
 * The record id given in an input for a record of a case: its global id (as `id` gives it), or its
 * plain id, which inputs took before these records were nodes. A global id of another type, or one
 * without its case, fails naming `field`.
 */
export function caseRecordIdOf(typename: CaseRecordTypename, value: string | number, field: string): string {
  const given = String(value);
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(given);
  } catch {
    decoded = null;
  }
  const nodeNames: readonly string[] = ['Agency', 'Case', 'Referral', 'Contact', 'Assessment', 'SupportPlan'];
  if (!decoded || !nodeNames.includes(decoded.typename)) return plainIdOf(given, field);
  if (decoded.typename !== typename) throw invalid(typename, field);
  const slash = decoded.id.indexOf('/');
  if (slash <= 0 || slash === decoded.id.length - 1) throw invalid(typename, field);
  return decoded.id.slice(slash + 1);
}

export function referralIds(globalIdValue: string, field: string): { caseId: string; referralId: string } {
  const key = localId('Referral', globalIdValue, field);
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) throw invalid('Referral', field);
  return { caseId: key.slice(0, slash), referralId: key.slice(slash + 1) };
}
