import { AuthenticationError, GraphQLResponseError, NetworkError } from '@hikikomori-register/client';
import { AuthRouteError } from '../api/session.ts';

/**
 * Japanese wording of refusals. The API names each refusal by a stable `rule` (and `code`); the
 * console words it for staff, next to the field it names. A rule without its own wording falls back
 * to its code's, never to English.
 */
const BY_RULE: Readonly<Record<string, string>> = {
  // Input shape (zod's rules).
  too_small: '入力してください（短すぎるか、小さすぎます）',
  too_big: '長すぎるか、大きすぎます',
  invalid_type: '入力してください',
  invalid_format: '形式が正しくありません',
  invalid_value: '選択肢から選んでください',
  calendar_date: '日付が正しくありません',
  required: '入力してください',
  // Dates.
  not_in_future: '未来の日付は記録できません',
  date_not_in_future: '未来の日付は記録できません',
  effective_on_not_in_future: '未来の日付は記録できません',
  effective_on_not_before_opening: 'ケースの受付日より前の日付は記録できません',
  effective_on_not_before_previous: '前回の変更日より前の日付は記録できません',
  review_on_not_before_effective_on: '見直し予定日は小休止の日以降にしてください',
  // Stages and status.
  regression_reason_required: '前の段階に戻るときは理由を選んでください',
  forward_reason_is_progress: '次の段階に進むときは理由を選ぶ必要はありません',
  note_required_for_other: '理由が「その他」のときは、メモに理由を書いてください',
  direct_contact_required: '本人との直接の接触の記録がないため、この段階には進めません',
  stage_forward_needs_active_case: '支援中のケースでのみ次の段階に進めます（前の段階に戻る記録はできます）',
  case_closed: '終結したケースです。先に再開してください',
  reopen_reason_required: '再開の理由を選んでください',
  only_when_reopening: '再開の理由は終結したケースを再開するときだけ選べます',
  supportStage_transition: 'この段階への変更は、今の段階からはできません',
  familyStage_transition: 'この段階への変更は、今の段階からはできません',
  caseStatus_transition: 'この状態への変更は、今の状態からはできません',
  version_matches: 'ほかの職員が先に更新しました。画面を読み込み直してから、もう一度操作してください',
  // Contacts.
  attempted_channel: '「接触試行」は訪問・電話・メールなど、こちらから働きかけた方法でのみ記録できます',
  person_consulting_requires_reached: '相談者が本人のときは「接触あり」を選んでください',
  household_member_in_household: '世帯員を選んでください',
  contents_unique: '同じ内容が重複しています',
  // Planned next contact (次回支援予定).
  not_in_past: '今日以降の日付を入力してください',
  // Persons: search, intake, merge (名寄せ).
  criterion_required: '氏名・ふりがな・生年月・市町村コードのいずれかを入力してください',
  municipality_code_format: '市町村コードは6桁の数字で入力してください',
  municipality_code_prefecture: '市町村コードの先頭2桁（都道府県）が正しくありません',
  municipality_code_check_digit: '市町村コードの検査数字が合いません。入力を確かめてください',
  possible_duplicate: 'すでに登録されている方の可能性があります。下の候補を確認してください',
  person_or_person_id: '新しい利用者の情報を入力するか、登録済みの利用者を選んでください',
  merge_same_person: '同じ利用者どうしは統合できません',
  person_merged: 'この利用者はすでに別の記録に統合されています',
  person_pseudonymised: 'この利用者の記録は仮名化されているため統合できません',
  merge_overlapping_cases:
    '両方の利用者に当機関が主担当の支援中のケースがあります。重複しているケースを先に終結してください',
  // Referrals.
  referral_transition: 'この紹介は、今の状態ではこの操作ができません',
  outcome_reason_required: '「つながらなかった」ときは理由を書いてください',
  valid_legal_basis: '同意または支援会議による情報共有の根拠がありません',
  // Staff accounts.
  login_id_unique: 'このログインIDはすでに使われています',
  not_own_account: '自分のアカウントは無効にできません',
  account_active: 'このアカウントは無効になっています',
  // Passwords.
  password_min_length: 'パスワードは10文字以上にしてください',
  password_max_length: 'パスワードが長すぎます（200文字まで）',
  password_not_common: 'よく使われる推測されやすいパスワードです。別のものにしてください',
  password_not_login_id: 'ログインIDを含まないパスワードにしてください',
  password_changed: '今のパスワードと違うものにしてください',
  current_password_matches: '今のパスワードが違います',
  no_control_characters: '使えない文字が含まれています',
};

const BY_CODE: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: '入力内容を確認してください',
  VERSION_CONFLICT: BY_RULE.version_matches as string,
  ILLEGAL_TRANSITION: 'この変更は、今の状態からはできません',
  PRECONDITION_FAILED: 'この操作の条件を満たしていません',
  NO_LEGAL_BASIS: BY_RULE.valid_legal_basis as string,
  FORBIDDEN: 'この操作はできません（権限がないか、対象が見つかりません）',
  NOT_FOUND: '対象が見つかりません',
  INVALID_CREDENTIALS: 'ログインIDまたはパスワードが違います',
  UNAUTHENTICATED: 'ログインの有効期限が切れました。もう一度ログインしてください',
  PASSWORD_CHANGE_REQUIRED: '仮パスワードです。新しいパスワードを設定してください',
  CROSS_ORIGIN: 'この画面からは操作できません',
  POSSIBLE_DUPLICATE: BY_RULE.possible_duplicate as string,
};

/** A refusal worded for staff. */
export function refusalMessage(refusal: { readonly code: string; readonly rule?: string | null }): string {
  return (
    (refusal.rule ? BY_RULE[refusal.rule] : undefined) ?? BY_CODE[refusal.code] ?? '処理できませんでした'
  );
}

/** Any error of a call, worded for staff (network failures, expired sessions, refusals). */
export function errorMessage(error: unknown): string {
  if (error instanceof AuthRouteError) {
    if (error.code === 'RATE_LIMITED')
      return `失敗が続いたため、しばらくお待ちください（約${Math.ceil((error.retryAfterSeconds ?? 60) / 60)}分後に再度お試しください）`;
    return refusalMessage(error);
  }
  if (error instanceof AuthenticationError) return BY_CODE.UNAUTHENTICATED as string;
  if (error instanceof NetworkError)
    return 'サーバーに接続できませんでした。しばらくしてからもう一度お試しください';
  if (error instanceof GraphQLResponseError) {
    const first = error.errors[0];
    return refusalMessage({
      code: error.code ?? 'ERROR',
      rule: typeof first?.extensions?.rule === 'string' ? first.extensions.rule : null,
    });
  }
  return '予期しないエラーが発生しました。もう一度お試しください';
}
