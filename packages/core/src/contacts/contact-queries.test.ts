import { describe, expect, it } from 'vitest';
import type { Contact } from './contact.ts';
import { firstDirectContactOn, lastContact, personEverReached } from './contact-queries.ts';
import type { PersonContact } from './contact-vocabulary.ts';

type C = Pick<Contact, 'id' | 'occurredOn' | 'personContact' | 'recordedAt'>;

function c(
  id: string,
  occurredOn: string,
  personContact: PersonContact,
  recordedAt = `${occurredOn}T09:00:00Z`,
): C {
  return { id, occurredOn, personContact, recordedAt: new Date(recordedAt) };
}

describe('firstDirectContactOn (本人との最初の直接接触)', () => {
  it('is null without contacts, or with only family contacts and failed attempts', () => {
    expect(firstDirectContactOn([])).toBeNull();
    expect(
      firstDirectContactOn([
        c('a', '2024-01-10', 'none'),
        c('b', '2024-02-10', 'attempted'),
        c('c', '2024-03-10', 'attempted'),
      ]),
    ).toBeNull();
  });

  it('is the earliest reached date whatever the order; earlier attempts do not count', () => {
    const contacts = [
      c('a', '2024-05-01', 'reached'),
      c('b', '2024-01-05', 'attempted'),
      c('c', '2024-03-20', 'reached'),
      c('d', '2024-02-01', 'none'),
      c('e', '2024-04-01', 'reached'),
    ];
    expect(firstDirectContactOn(contacts)).toBe('2024-03-20');
    expect(firstDirectContactOn([...contacts].reverse())).toBe('2024-03-20');
  });

  it('compares dates across years and months correctly', () => {
    expect(firstDirectContactOn([c('a', '2024-01-02', 'reached'), c('b', '2023-12-31', 'reached')])).toBe(
      '2023-12-31',
    );
  });
});

describe('personEverReached', () => {
  const contacts = [c('a', '2024-01-05', 'attempted'), c('b', '2024-03-20', 'reached')];

  it('is false with only attempts and family contacts', () => {
    expect(personEverReached([c('a', '2024-01-05', 'attempted'), c('b', '2024-01-06', 'none')])).toBe(false);
    expect(personEverReached([])).toBe(false);
  });

  it('is true once reached; with upTo only if the first reach is on or before it', () => {
    expect(personEverReached(contacts)).toBe(true);
    expect(personEverReached(contacts, '2024-03-19')).toBe(false);
    expect(personEverReached(contacts, '2024-03-20')).toBe(true);
    expect(personEverReached(contacts, '2025-01-01')).toBe(true);
  });
});

describe('lastContact', () => {
  it('is null without contacts', () => {
    expect(lastContact([])).toBeNull();
  });

  it('is the latest by date, whatever order or recording time', () => {
    const latest = c('late', '2024-06-01', 'none', '2024-06-01T09:00:00Z');
    const backfilled = c('old', '2024-05-01', 'reached', '2024-06-20T09:00:00Z'); // written later, happened earlier
    expect(lastContact([latest, backfilled])?.id).toBe('late');
    expect(lastContact([backfilled, latest])?.id).toBe('late');
  });

  it('on the same day takes the one recorded last', () => {
    const morning = c('m', '2024-06-01', 'none', '2024-06-01T01:00:00Z');
    const evening = c('e', '2024-06-01', 'reached', '2024-06-01T10:00:00Z');
    expect(lastContact([evening, morning])?.id).toBe('e');
    expect(lastContact([morning, evening])?.id).toBe('e');
  });

  it('returns the caller record itself (generic over richer types)', () => {
    const only = c('x', '2024-06-01', 'none');
    expect(lastContact([only])).toBe(only);
  });
});
