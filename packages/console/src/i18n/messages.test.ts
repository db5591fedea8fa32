import { AuthenticationError, GraphQLResponseError, NetworkError } from '@hikikomori-register/client';
import { describe, expect, it } from 'vitest';
import { AuthRouteError } from '../api/session.ts';
import { errorMessage, refusalMessage } from './messages.ts';

describe('refusals worded for staff', () => {
  it('words a refusal by its rule, else by its code, never in English', () => {
    expect(refusalMessage({ code: 'VALIDATION_FAILED', rule: 'regression_reason_required' })).toBe(
      '前の段階に戻るときは理由を選んでください',
    );
    expect(refusalMessage({ code: 'VALIDATION_FAILED', rule: 'some_new_rule' })).toBe(
      '入力内容を確認してください',
    );
    expect(refusalMessage({ code: 'SOMETHING_ELSE', rule: null })).toBe('処理できませんでした');
  });

  it('words failures of the call itself', () => {
    expect(errorMessage(new NetworkError('down'))).toMatch(/サーバーに接続できませんでした/);
    expect(errorMessage(new AuthenticationError())).toMatch(/もう一度ログイン/);
    expect(
      errorMessage(
        new GraphQLResponseError(
          [{ message: 'not found or not accessible', extensions: { code: 'FORBIDDEN' } }],
          200,
        ),
      ),
    ).toMatch(/権限がないか/);
    expect(errorMessage(new AuthRouteError(429, 'RATE_LIMITED', null, null, 900, 'too many'))).toMatch(
      /約15分後/,
    );
    expect(errorMessage(new Error('boom'))).toMatch(/予期しないエラー/);
  });
});
