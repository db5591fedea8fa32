import { Navigate, Route, Routes } from 'react-router';
import { CaseloadScreen } from '../screens/CaseloadScreen.tsx';
import { CaseScreen } from '../screens/CaseScreen.tsx';
import { IndicatorsScreen } from '../screens/IndicatorsScreen.tsx';
import { IntakeScreen } from '../screens/IntakeScreen.tsx';
import { PasswordScreen } from '../screens/PasswordScreen.tsx';
import { PersonSearchScreen } from '../screens/PersonSearchScreen.tsx';
import { ReferralsScreen } from '../screens/ReferralsScreen.tsx';
import { SignInScreen } from '../screens/SignInScreen.tsx';
import { StaffScreen } from '../screens/StaffScreen.tsx';
import { WorklistScreen } from '../screens/WorklistScreen.tsx';
import { Layout } from './Layout.tsx';
import { useSession } from './session.tsx';

/** Sign-in first; a temporary password is replaced before anything else; then the screens. */
export function App() {
  const { session } = useSession();
  // Agency admins manage accounts, not casework (they see case summaries only): they start at 職員管理.
  // Everyone else starts the day with what needs them today (今日の対応一覧).
  const home = session?.role === 'agencyAdmin' ? '/staff' : '/today';
  if (session === undefined) return <p className="loading">読み込み中…</p>;
  if (session === null) return <SignInScreen />;
  if (session.mustChangePassword) return <PasswordScreen required />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to={home} replace />} />
        <Route path="/today" element={<WorklistScreen />} />
        <Route path="/cases" element={<CaseloadScreen />} />
        <Route path="/cases/new" element={<IntakeScreen />} />
        <Route path="/persons" element={<PersonSearchScreen />} />
        <Route path="/cases/:id" element={<CaseScreen />} />
        <Route path="/referrals" element={<ReferralsScreen />} />
        <Route path="/indicators" element={<IndicatorsScreen />} />
        <Route path="/password" element={<PasswordScreen />} />
        <Route path="/staff" element={<StaffScreen />} />
        <Route path="*" element={<p>このページはありません。</p>} />
      </Routes>
    </Layout>
  );
}
