import { ValidationError } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';

/**
 * Agency names that only look different are one agency: a referral sent to 「㈱架空サポート」 when the
 * network knows 「架空サポート株式会社」 would reach nobody, and a lookalike registered on purpose could
 * receive referrals meant for the real one. `agencyNameKey` reduces a name to what tells agencies
 * apart; two agencies may not share a key.
 *
 * What is ignored:
 * - width and compatibility forms (NFKC: ＡＢＣ→ABC, ｶﾀｶﾅ→カタカナ, ㈱→(株)), letter case;
 * - spaces of any kind, brackets, and punctuation such as ・ - ‐ ー between words (not the long-vowel
 *   mark inside katakana words: センター keeps it);
 * - the legal form of the operator: 株式会社, (株), 有限会社, 合同会社, 一般社団法人, 公益財団法人,
 *   特定非営利活動法人, NPO法人, 社会福祉法人, 医療法人(社団/財団), 学校法人, (地方)独立行政法人 …;
 * - hiragana against katakana (ふくし / フクシ), and ヶ/ケ/が/ガ between kanji (霞ヶ関 / 霞が関);
 * - traditional and variant kanji common in names (髙→高, 﨑→崎, 邊/邉→辺, 齋/齊→斎, 澤→沢, 國→国 …).
 */
const LEGAL_FORMS = [
  '地方独立行政法人',
  '独立行政法人',
  '特定非営利活動法人',
  '一般社団法人',
  '公益社団法人',
  '一般財団法人',
  '公益財団法人',
  '社会福祉法人',
  '社会医療法人',
  '医療法人社団',
  '医療法人財団',
  '医療法人',
  '学校法人',
  '宗教法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  'npo法人',
  '(株)',
  '(有)',
  '(同)',
  '(社)',
  '(財)',
  '(福)',
  '(医)',
  '(特非)',
];

/** Variant and traditional kanji seen in agency and place names, mapped to the common form. */
const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  邊: '辺',
  邉: '辺',
  齋: '斎',
  齊: '斉',
  澤: '沢',
  國: '国',
  會: '会',
  濱: '浜',
  廣: '広',
  櫻: '桜',
  龍: '竜',
  眞: '真',
  德: '徳',
  惠: '恵',
  圓: '円',
  縣: '県',
  區: '区',
  與: '与',
  發: '発',
  萬: '万',
  藝: '芸',
  醫: '医',
  學: '学',
  寶: '宝',
  體: '体',
  實: '実',
  關: '関',
  條: '条',
  嶋: '島',
  嶌: '島',
  冨: '富',
  營: '営',
  廳: '庁',
  聯: '連',
  總: '総',
  臺: '台',
  靑: '青',
  淸: '清',
  黑: '黒',
  邨: '村',
  檜: '桧',
};

const HIRAGANA = /[\u3041-\u3096]/g;
const SPACES_AND_PUNCTUATION =
  /[\s\p{Z}・･.,、。,'"`’“”「」『』【】〔〕［］[\]{}()（）〈〉《》<>\-‐‑‒–—―−~〜～_/／\\:：;；!！?？&＆+＋*＊#＃@＠|｜]/gu;
/** ー after anything but kana is a dash, not a long vowel (「架空ー福祉」); in センター it stays. */
const DASH_LIKE_CHOONPU = /(?<![\u30a1-\u30fa\u30fc])ー/g;
const KA_BETWEEN_KANJI = /(?<=\p{Script=Han})[ヶケヵカがガ](?=\p{Script=Han})/gu;

export function agencyNameKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase();
  key = key.replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  for (const form of LEGAL_FORMS) key = key.split(form).join('');
  key = key.replace(/[\s\p{Z}]/gu, '');
  key = key.replace(DASH_LIKE_CHOONPU, '');
  key = key.replace(SPACES_AND_PUNCTUATION, '');
  key = key.replace(KA_BETWEEN_KANJI, 'ケ');
  key = [...key].map((c) => KANJI_VARIANTS[c] ?? c).join('');
  return key;
}

/**
 * Refuses a name that an agency already has, or one that only looks different from it. `exceptId`
 * leaves out the agency being renamed.
 */
export function assertAgencyNameAvailable(
  name: string,
  agencies: readonly { readonly id: AgencyId; readonly name: string }[],
  options: { readonly field?: string; readonly exceptId?: AgencyId } = {},
): void {
  const field = options.field ?? 'name';
  const others = agencies.filter((a) => a.id !== options.exceptId);
  const trimmed = name.trim();
  const same = others.find((a) => a.name.trim() === trimmed);
  if (same)
    throw new ValidationError([
      {
        field,
        rule: 'agency_name_unique',
        message: `an agency named 「${same.name}」 is already registered`,
      },
    ]);
  const key = agencyNameKey(name);
  const lookalike = key === '' ? undefined : others.find((a) => agencyNameKey(a.name) === key);
  if (lookalike)
    throw new ValidationError([
      {
        field,
        rule: 'agency_name_lookalike',
        message: `「${trimmed}」 differs from the registered agency 「${lookalike.name}」 only in width, spacing, legal form or character variants`,
      },
    ]);
}
