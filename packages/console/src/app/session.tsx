import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ConsoleMeDocument, type ConsoleMeQuery } from '../api/generated/graphql.ts';
import { call, onSignedOut } from '../api/register.ts';
import { currentSession, signOut as endSession, type Session } from '../api/session.ts';

export type SignedInStaff = ConsoleMeQuery['me'];

interface SessionState {
  /** undefined while the first check runs. */
  readonly session: Session | null | undefined;
  readonly me: SignedInStaff | null;
  /** After sign-in or a password change: read the session and who is signed in again. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [me, setMe] = useState<SignedInStaff | null>(null);
  const refresh = useCallback(async () => {
    const next = await currentSession().catch(() => null);
    setSession(next);
    setMe(next && !next.mustChangePassword ? (await call(ConsoleMeDocument)).me : null);
  }, []);
  const signOut = useCallback(async () => {
    await endSession().catch(() => undefined);
    setSession(null);
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
    // A request answered "not signed in" (idle timeout, password changed elsewhere) ends the screen's session.
    return onSignedOut(() => {
      setSession(null);
      setMe(null);
    });
  }, [refresh]);
  return (
    <SessionContext.Provider value={{ session, me, refresh, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
