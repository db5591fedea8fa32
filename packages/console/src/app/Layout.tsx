import { type ReactNode, useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { roleLabel } from '../i18n/labels.ts';
import { useSession } from './session.tsx';

/** The frame of every screen: skip link, header with the agency and the signed-in staff, navigation. */
export function Layout({ children }: { readonly children: ReactNode }) {
  const { me, session, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  const shown = useRef(location.pathname);
  // On moving to another screen, focus goes to its content so keyboard and screen-reader users start
  // there (on the first screen the page starts at the top, with the skip link).
  useEffect(() => {
    if (shown.current === location.pathname) return;
    shown.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="site-header">
        <div className="brand">ひきこもり支援ケース台帳</div>
        <div className="who">
          {me?.agency?.name} ／ {me?.displayName}（{roleLabel(me?.role ?? session?.role)}）
        </div>
        <nav aria-label="メインメニュー">
          <ul>
            <li>
              <NavLink to="/today">今日の対応一覧</NavLink>
            </li>
            <li>
              <NavLink to="/cases">担当ケース一覧</NavLink>
            </li>
            {me?.role === 'AGENCY_ADMIN' ? null : (
              <li>
                <NavLink to="/persons">利用者検索</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/referrals">紹介（受信・送信）</NavLink>
            </li>
            <li>
              <NavLink to="/indicators">モニタリング指標</NavLink>
            </li>
            {me?.role === 'AGENCY_ADMIN' ? (
              <li>
                <NavLink to="/staff">職員管理</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/password">パスワード変更</NavLink>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                ログアウト
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
