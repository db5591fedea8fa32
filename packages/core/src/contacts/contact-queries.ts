import type { CalendarDate } from '../shared/dates.ts';
import type { Contact } from './contact.ts';

/**
 * Queries over one case's contacts (callers pass the contacts of a single case). Only `reached` counts
 * as direct contact with the person: an attempt that failed (`attempted`) is not a relationship yet.
 */

/**
 * 本人との最初の直接接触: the earliest day the person was reached, or null. Feeds the stage machine.
 * A voided record (取消) reached nobody.
 */
export function firstDirectContactOn(
  contacts: readonly (Pick<Contact, 'occurredOn' | 'personContact'> & { readonly voided?: unknown })[],
): CalendarDate | null {
  let first: CalendarDate | null = null;
  for (const c of contacts) {
    if (c.voided) continue;
    if (c.personContact === 'reached' && (first === null || c.occurredOn < first)) first = c.occurredOn;
  }
  return first;
}

/** The latest contact by date; on the same day the one recorded last. Null when there is none. */
export function lastContact<C extends Pick<Contact, 'occurredOn' | 'recordedAt'>>(
  contacts: readonly C[],
): C | null {
  let last: C | null = null;
  for (const c of contacts) {
    if (
      last === null ||
      c.occurredOn > last.occurredOn ||
      (c.occurredOn === last.occurredOn && c.recordedAt.getTime() >= last.recordedAt.getTime())
    )
      last = c;
  }
  return last;
}

/** Has the person been reached at all (on or before `upTo`, when given)? */
export function personEverReached(
  contacts: readonly Pick<Contact, 'occurredOn' | 'personContact'>[],
  upTo?: CalendarDate,
): boolean {
  const first = firstDirectContactOn(contacts);
  return first !== null && (upTo === undefined || first <= upTo);
}
