import { DomainError } from '@hikikomori-register/core';
import { splitKey } from './ids.ts';

/*
 * `node(id)` of the types read through a list: a look-up by id under the access rule and audit of the
 * list the type's own query or field reads (or, where there is none, that list and the record in it). A record the actor may not see and one that does
 * not exist both give null, so `node` tells nothing the list would not.
 */

/**
 * `fallback` when the register refuses the read (not found, not accessible, malformed): for `node`
 * that is no node. Any other failure (the database, the audit) stays an error, not an absence.
 */
export async function orWhenRefused<T, F>(read: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DomainError) return fallback;
    throw error;
  }
}

/** A copy: the node resolver marks the object with its type, and stored records may be frozen. */
function found<T extends { readonly id: string }>(records: readonly T[], id: string): T | null {
  const record = records.find((r) => r.id === id);
  return record ? { ...record } : null;
}

/** A node whose global id is its plain id, read by id under the rule and audit of its list. */
export async function lookedUpRecord<T extends object>(read: Promise<T>): Promise<T | null> {
  const record = await orWhenRefused(read, null);
  return record ? { ...record } : null;
}

/** A node whose global id is its plain id, found in what `list` (its query) gives the actor. */
export async function listedRecord<T extends { readonly id: string }>(
  id: string,
  list: () => Promise<readonly T[]>,
): Promise<T | null> {
  const records = await orWhenRefused(list(), [] as readonly T[]);
  return found(records, id);
}

/** A scoped node (key `scopeId/recordId`), found in what `list` gives the actor for its scope. */
export async function scopedRecord<T extends { readonly id: string }>(
  key: string,
  list: (scopeId: string) => Promise<readonly T[]>,
): Promise<T | null> {
  const parts = splitKey(key);
  if (!parts) return null;
  const records = await orWhenRefused(list(parts.scopeId), [] as readonly T[]);
  return found(records, parts.recordId);
}
