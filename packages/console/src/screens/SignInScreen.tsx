import { type FormEvent, useState } from 'react';
import { signIn } from '../api/session.ts';
import { useSession } from '../app/session.tsx';
import { errorMessage } from '../i18n/messages.ts';

/** ログイン: login id and password; API tokens are for systems, not for this screen. */
export function SignInScreen() {
  const { refresh } = useSession();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await signIn(loginId, password);
      setPassword('');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>ひきこもり支援ケース台帳</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h2 id="sign-in-title">ログイン</h2>
        {error ? (
          <div className="alert" role="alert">
            {error}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="login-id">ログインID</label>
          <input
            id="login-id"
            name="username"
            autoComplete="username"
            value={loginId}
            required
            onChange={(e) => setLoginId(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">パスワード</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          ログイン
        </button>
      </form>
      <p className="hint">ケース記録には要配慮個人情報が含まれます。閲覧・記録はすべて監査ログに残ります。</p>
    </main>
  );
}
