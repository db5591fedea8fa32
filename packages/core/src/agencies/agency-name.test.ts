import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { agencyNameKey, assertAgencyNameAvailable } from './agency-name.ts';

describe('agency names that only look different', () => {
  const same = (a: string, b: string) => expect(agencyNameKey(a), `${a} / ${b}`).toBe(agencyNameKey(b));
  const differ = (a: string, b: string) => expect(agencyNameKey(a), `${a} / ${b}`).not.toBe(agencyNameKey(b));

  it('ignores width, case, spaces and punctuation', () => {
    same('架空サポート', 'ｶｸｳ サポート'.replace('ｶｸｳ', '架空'));
    same('ＮＰＯ架空の会', 'npo 架空の会');
    same('架空・福祉会', '架空 福祉会');
    same('架空（福祉）会', '架空福祉会');
    same('架空市　社会福祉協議会', '架空市社会福祉協議会');
  });

  it('ignores the legal form of the operator', () => {
    same('架空サポート株式会社', '㈱架空サポート');
    same('（株）架空サポート', '株式会社 架空サポート');
    same('特定非営利活動法人 架空の居場所', 'NPO法人架空の居場所');
    same('社会福祉法人 架空会', '架空会');
    same('医療法人社団 架空クリニック', '架空クリニック');
  });

  it('reads hiragana as katakana, ヶ/が between kanji alike, and common kanji variants', () => {
    same('かくうさぽーと', 'カクウサポート');
    same('霞ヶ関福祉会', '霞が関福祉会');
    same('髙橋クリニック', '高橋クリニック');
    same('山﨑診療所', '山崎診療所');
    same('渡邊相談室', '渡辺相談室');
  });

  it('keeps names apart that differ in anything that matters', () => {
    differ('架空市ひきこもり支援窓口', '架空町ひきこもり支援窓口');
    differ('架空地域若者サポートステーション', '架空若者サポートステーション');
    differ('センター', 'センタ');
  });

  it('refuses a taken name and a lookalike, naming the field and rule', () => {
    const agencies = [{ id: 'a1', name: '架空こころの医療センター' }];
    const rule = (name: string, field?: string) => {
      try {
        assertAgencyNameAvailable(name, agencies, field ? { field } : {});
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return [(e as ValidationError).field, (e as ValidationError).rule];
      }
      return null;
    };
    expect(rule(' 架空こころの医療センター ')).toEqual(['name', 'agency_name_unique']);
    expect(rule('医療法人 架空 こころの医療センター', 'agency.name')).toEqual([
      'agency.name',
      'agency_name_lookalike',
    ]);
    expect(rule('架空こころの医療センター北')).toBeNull();
    expect(() =>
      assertAgencyNameAvailable('架空こころの医療センター', agencies, { exceptId: 'a1' }),
    ).not.toThrow();
  });
});
