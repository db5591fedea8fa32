/**
 * 検索キー: the one normalisation under which names and kana readings are searched and compared for
 * duplicates. Staff type readings every way: hiragana or katakana, half-width ｶﾀｶﾅ, with or without
 * the space between family and given name, ユーコ for ゆうこ, ｼﾞｮｳ for じょう. Two spellings of one
 * reading give the same key:
 *  - NFKC: half-width katakana and full-width Latin letters or digits become ordinary;
 *  - every space is removed (full-width included) and Latin letters are lower-cased;
 *  - katakana become hiragana (ヴ becomes ゔ);
 *  - small kana become their full-size kana (ぁ→あ, っ→つ, ゃ→や, ゎ→わ): the registers of old
 *    forms and of foreign-born names write them either way;
 *  - ぢ・づ become じ・ず (the same sounds), ゐ・ゑ become い・え;
 *  - the long-vowel mark (ー and its look-alikes －‐―〜) becomes the vowel it lengthens, except that
 *    after an お-row kana it becomes う, as names write it (しょう, ゆうき, こうじ): ユーコ → ゆうこ,
 *    ショータ → しょうた; a mark with no kana before it is dropped.
 * Kanji are kept as they are: different kanji are different names.
 */
export function searchKey(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[ぁぃぅぇぉっゃゅょゎゕゖ]/g, (c) => SMALL_TO_FULL[c] ?? c)
    .replace(/[ぢづゐゑ]/g, (c) => SOUND_ALIKE[c] ?? c);
  let out = '';
  for (const c of folded) {
    if (LONG_MARKS.has(c)) {
      const before = out.at(-1);
      const vowel = before === undefined ? undefined : VOWEL_OF.get(before);
      if (vowel !== undefined) out += vowel === 'お' ? 'う' : vowel;
      continue;
    }
    out += c;
  }
  return out;
}

const SMALL_TO_FULL: Readonly<Record<string, string>> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

const SOUND_ALIKE: Readonly<Record<string, string>> = { ぢ: 'じ', づ: 'ず', ゐ: 'い', ゑ: 'え' };

/** ー (prolonged sound mark) and the marks typed for it: full-width hyphen-minus, hyphens, wave dash. */
const LONG_MARKS = new Set(['ー', '-', '‐', '―', '−', '〜', '~']);

/** The vowel of every full-size hiragana (small ones are already full-size here). */
const VOWEL_OF: ReadonlyMap<string, string> = (() => {
  const rows: Record<string, string> = {
    あ: 'あかがさざただなはばぱまやらわ',
    い: 'いきぎしじちぢにひびぴみりゐ',
    う: 'うくぐすずつづぬふぶぷむゆるゔ',
    え: 'えけげせぜてでねへべぺめれゑ',
    お: 'おこごそぞとどのほぼぽもよろを',
  };
  const map = new Map<string, string>();
  for (const [vowel, kana] of Object.entries(rows)) for (const c of kana) map.set(c, vowel);
  return map;
})();

/** The stored keys of a person: the name's and the reading's ("" when the reading is unknown). */
export function personSearchKeys(person: { readonly displayName: string; readonly kana: string | null }): {
  readonly nameKey: string;
  readonly kanaKey: string;
} {
  return { nameKey: searchKey(person.displayName), kanaKey: person.kana ? searchKey(person.kana) : '' };
}
