import { describe, expect, it } from 'vitest';
import { formErrorsOf } from './form-errors.ts';

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
