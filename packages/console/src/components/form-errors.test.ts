import { GraphQLResponseError } from '@hikikomori-register/client';
import { describe, expect, it } from 'vitest';
import { formErrorsOf, queryErrorsOf } from './form-errors.ts';

describe('refusals placed next to their fields', () => {
  it('puts each refusal at the form field it names, the rest above the form', () => {
    const errors = formErrorsOf(
      [
        {
          field: ['input', 'reason'],
          message: 'x',
          code: 'VALIDATION_FAILED',
          rule: 'regression_reason_required',
        },
        { field: ['input', 'note', 'text'], message: 'x', code: 'VALIDATION_FAILED', rule: 'too_big' },
        {
          field: ['input', 'expectedVersion'],
          message: 'x',
          code: 'VERSION_CONFLICT',
          rule: 'version_matches',
        },
        { field: null, message: 'x', code: 'FORBIDDEN', rule: null },
      ],
      ['reason', 'note'],
    );
    expect(Object.fromEntries(errors.byField)).toEqual({
      reason: '前の段階に戻るときは理由を選んでください',
      note: '長すぎるか、大きすぎます',
    });
    expect(errors.general).toEqual([
      'ほかの職員が先に更新しました。画面を読み込み直してから、もう一度操作してください',
      'この操作はできません（権限がないか、対象が見つかりません）',
    ]);
  });
});

describe('refusals of a search placed next to its fields', () => {
  it('reads the issues of a query error, the whole-input ones above the form', () => {
    const error = new GraphQLResponseError(
      [
        {
          message: 'municipalityCode: municipality code must be 6 digits',
          extensions: {
            code: 'VALIDATION_FAILED',
            issues: [
              { field: 'municipalityCode', rule: 'municipality_code_format', message: 'x' },
              { field: '', rule: 'criterion_required', message: 'x' },
            ],
          },
        },
      ],
      200,
    );
    const errors = queryErrorsOf(error, ['name', 'municipalityCode']);
    expect(Object.fromEntries(errors?.byField ?? [])).toEqual({
      municipalityCode: '市町村コードは6桁の数字で入力してください',
    });
    expect(errors?.general).toEqual(['氏名・ふりがな・生年月・市町村コードのいずれかを入力してください']);
  });

  it('reads a single field and rule, and leaves other failures to the general message', () => {
    const error = new GraphQLResponseError(
      [{ message: 'x', extensions: { code: 'VALIDATION_FAILED', field: 'kana', rule: 'too_big' } }],
      200,
    );
    expect(queryErrorsOf(error, ['kana'])?.byField.get('kana')).toBe('長すぎるか、大きすぎます');
    expect(queryErrorsOf(new Error('network'), ['kana'])).toBeNull();
  });
});
