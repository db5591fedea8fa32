import { type FormEvent, useState } from 'react';
import { AuthRouteError, changePassword } from '../api/session.ts';
import { useSession } from '../app/session.tsx';
import { TextField } from '../components/forms.tsx';
import { errorMessage, refusalMessage } from '../i18n/messages.ts';

/**
 * パスワード変更. `required`: signed in with a temporary password from an admin, which must be
 * replaced before anything else is shown.
 */
export function PasswordScreen({ required = false }: { readonly required?: boolean }) {
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== again) {
      setErrors({ again: '新しいパスワードが一致しません' });
      return;
    }
    try {
      await changePassword(current, next);
      setErrors({});
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      await refresh();
    } catch (e) {
      if (e instanceof AuthRouteError && e.field) setErrors({ [e.field]: refusalMessage(e) });
      else setErrors({ form: errorMessage(e) });
    }
  };
  const content = (
    <>
      <h1>パスワード変更</h1>
      {required ? (
        <p>
          管理者から渡された仮パスワードでログインしました。続けるには新しいパスワードを設定してください。
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        {errors.form ? (
          <div className="alert" role="alert">
            {errors.form}
          </div>
        ) : null}
        <TextField
          label="今のパスワード"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
          required
        />
        <TextField
          label="新しいパスワード"
          type="password"
          autoComplete="new-password"
          hint="10文字以上。長めの文章にすると覚えやすく安全です。"
          value={next}
          onChange={setNext}
          error={errors.newPassword}
          required
        />
        <TextField
          label="新しいパスワード（確認）"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
          error={errors.again}
          required
        />
        <button type="submit" className="primary">
          変更する
        </button>
        <p className="notice" role="status">
          {done ? 'パスワードを変更しました。' : ''}
        </p>
      </form>
    </>
  );
  return required ? (
    <main id="main" className="sign-in">
      {content}
    </main>
  ) : (
    content
  );
}
