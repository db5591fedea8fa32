import { type FormEvent, useState } from 'react';
import {
  type CreateStaffInput,
  CreateStaffMemberDocument,
  DeactivateStaffMemberDocument,
  ResetPasswordDocument,
  StaffListDocument,
  type StaffRowFragment,
} from '../api/generated/graphql.ts';
import { call } from '../api/register.ts';
import { useSession } from '../app/session.tsx';
import { useQuery } from '../app/use-query.ts';
import { FormAlert, Notice, SelectField, TextField, useChange } from '../components/forms.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { errorMessage, refusalMessage } from '../i18n/messages.ts';

const ROLE_OPTIONS = (['STAFF', 'SUPERVISOR', 'OPERATOR', 'AUDITOR', 'AGENCY_ADMIN'] as const).map(
  (value) => ({
    value,
    label: roleLabel(value),
  }),
);
const CREATE_FIELDS = ['displayName', 'role', 'loginId'] as const;

/**
 * 職員管理 (agency admins): the agency's accounts, a new account with its console login, temporary
 * passwords handed over in person, and deactivation when someone moves on (人事異動).
 */
export function StaffScreen() {
  const { me } = useSession();
  const list = useQuery(() => call(StaffListDocument), 'staff');
  const [handover, setHandover] = useState<{ name: string; loginId: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const staff = list.data?.staffMembers.edges.map((e) => e.node) ?? [];

  const issuePassword = async (member: StaffRowFragment) => {
    setFailure(null);
    try {
      const result = (await call(ResetPasswordDocument, { input: { staffId: member.id } }))
        .resetStaffPassword;
      if (result.userErrors.length > 0 || !result.temporaryPassword) {
        setFailure(result.userErrors.map(refusalMessage).join('、'));
        return;
      }
      setHandover({
        name: member.displayName,
        loginId: member.loginId ?? '',
        password: result.temporaryPassword,
      });
      list.reload();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const deactivate = async (member: StaffRowFragment) => {
    if (!window.confirm(`${member.displayName} さんのアカウントを無効にします。よろしいですか？`)) return;
    try {
      const result = (await call(DeactivateStaffMemberDocument, { input: { staffId: member.id } }))
        .deactivateStaff;
      if (result.userErrors.length > 0) setFailure(result.userErrors.map(refusalMessage).join('、'));
      else {
        setNotice(`${member.displayName} さんのアカウントを無効にしました。`);
        list.reload();
      }
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <>
      <h1>職員管理</h1>
      <p>{me?.agency?.name} の職員アカウントです。パスワードは本人にだけ、直接渡してください。</p>
      <Notice message={notice} />
      {failure ? (
        <div className="alert" role="alert">
          {failure}
        </div>
      ) : null}
      {handover ? (
        <section className="handover" aria-labelledby="handover-title" role="status">
          <h2 id="handover-title">仮パスワード（この画面を離れると再表示できません）</h2>
          <p>
            {handover.name} さん：ログインID <strong>{handover.loginId}</strong> ／ 仮パスワード{' '}
            <strong className="secret">{handover.password}</strong>
          </p>
          <p>初めてログインしたときに、本人が新しいパスワードを設定します。</p>
          <button type="button" onClick={() => setHandover(null)}>
            渡したので閉じる
          </button>
        </section>
      ) : null}
      {list.error ? (
        <div className="alert" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <table>
        <caption>職員アカウント（{staff.length}件）</caption>
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">役割</th>
            <th scope="col">ログインID</th>
            <th scope="col">状態</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.displayName}</th>
              <td>{roleLabel(m.role)}</td>
              <td>{m.loginId ?? '—'}</td>
              <td>{!m.active ? '無効' : m.canSignIn ? 'ログイン可' : 'パスワード未設定'}</td>
              <td className="row-actions">
                {/* One's own password is changed under パスワード変更, not reset. */}
                {m.active && m.loginId && m.id !== me?.staffMember?.id ? (
                  <button type="button" onClick={() => void issuePassword(m)}>
                    仮パスワードを発行
                  </button>
                ) : null}
                {m.active && m.id !== me?.staffMember?.id ? (
                  <button type="button" onClick={() => void deactivate(m)}>
                    無効にする
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateStaffForm
        onCreated={(member, password) => {
          setHandover({ name: member.displayName, loginId: member.loginId ?? '', password });
          list.reload();
        }}
      />
    </>
  );
}

/** A new account with its login id; its first (temporary) password is issued straight away. */
function CreateStaffForm({
  onCreated,
}: {
  readonly onCreated: (member: StaffRowFragment, temporaryPassword: string) => void;
}) {
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('STAFF');
  const [loginId, setLoginId] = useState('');
  const change = useChange(CREATE_FIELDS, () => {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.submit(async () => {
      const input: CreateStaffInput = { displayName, role: role as CreateStaffInput['role'], loginId };
      const created = (await call(CreateStaffMemberDocument, { input })).createStaff;
      const member = created.staffMember;
      if (created.userErrors.length > 0 || !member) return created;
      const reset = (await call(ResetPasswordDocument, { input: { staffId: member.id } })).resetStaffPassword;
      if (reset.temporaryPassword) {
        setDisplayName('');
        setLoginId('');
        onCreated(member, reset.temporaryPassword);
      }
      return reset;
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-staff-title">
      <h2 id="new-staff-title">職員アカウントの追加</h2>
      <FormAlert errors={change.errors} />
      <TextField
        label="氏名"
        value={displayName}
        onChange={setDisplayName}
        error={change.errors.byField.get('displayName')}
        required
      />
      <SelectField label="役割" options={ROLE_OPTIONS} value={role} onChange={setRole} />
      <TextField
        label="ログインID"
        hint="半角の英小文字・数字・「.」「_」「-」で3〜64文字（例：tanaka.hanako）"
        value={loginId}
        onChange={setLoginId}
        error={change.errors.byField.get('loginId')}
        required
      />
      <button type="submit" className="primary" disabled={change.busy}>
        追加して仮パスワードを発行
      </button>
    </form>
  );
}
