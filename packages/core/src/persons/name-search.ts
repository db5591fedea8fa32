import { z } from 'zod';
import { text } from '../shared/text.ts';

/**
 * 氏名検索: finding a case by the person's name or its reading. What staff type is split at spaces
 * (full-width spaces too); every part must appear in the name or in the kana reading, so 「かくう　しょう」
 * finds 架空 翔 read かくう しょう, and so does 「しょう」. Kana parts match whether typed in hiragana or
 * katakana (a reading may be stored in either); Latin letters match in either case.
 *
 * Who may search is an access rule (`canSearchPersonsByName`); the storage only matches.
 */
export const personNameQuerySchema = z
  .string()
  .transform((v) => v.normalize('NFKC').trim().replace(/\s+/g, ' '))
  .pipe(text('personName'));

/** One part of a name query with the spellings it may be stored in (itself, hiragana, katakana). */
export interface NameSearchTerm {
  readonly spellings: readonly string[];
}

const KATAKANA = /[\u30A1-\u30F6]/g;
const HIRAGANA = /[\u3041-\u3096]/g;
const shift = (offset: number) => (c: string) => String.fromCharCode(c.charCodeAt(0) + offset);

function toHiragana(text: string): string {
  return text.replace(KATAKANA, shift(-0x60));
}

function toKatakana(text: string): string {
  return text.replace(HIRAGANA, shift(0x60));
}

/** The parts of a normalised query (see `personNameQuerySchema`), each with its kana spellings. */
export function nameSearchTerms(query: string): readonly NameSearchTerm[] {
  return query
    .split(' ')
    .filter((part) => part.length > 0)
    .map((part) => ({ spellings: [...new Set([part, toHiragana(part), toKatakana(part)])] }));
}

/** Latin letters match in either case, as SQL's case-insensitive LIKE does. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether a person's name and reading match every term (the storage-independent definition). */
export function matchesNameSearch(
  person: { readonly displayName: string; readonly kana: string | null },
  terms: readonly NameSearchTerm[],
): boolean {
  const name = foldAscii(person.displayName);
  const kana = person.kana ?? '';
  return terms.every((term) => term.spellings.some((s) => name.includes(foldAscii(s)) || kana.includes(s)));
}
