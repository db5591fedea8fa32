/**
 * Sign-in, session and password routes of the gateway (`/auth/*`). The session itself lives in an
 * HttpOnly cookie the page never sees; these calls only learn who is signed in.
 */
export interface Session {
  readonly role: string;
  readonly expiresAt: string;
  readonly mustChangePassword: boolean;
  readonly displayName?: string | null;
  readonly loginId?: string | null;
}

/** A refusal of an /auth route: its code, and the field and rule when it names one. */
export class AuthRouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
    readonly rule: string | null,
    readonly retryAfterSeconds: number | null,
    message: string,
  ) {
    super(message);
  }
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

async function answer(response: Response): Promise<Session | null> {
  if (response.status === 204) return null;
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return body as unknown as Session;
  const retry = response.headers.get('retry-after');
  throw new AuthRouteError(
    response.status,
    typeof body.code === 'string' ? body.code : 'ERROR',
    typeof body.field === 'string' ? body.field : null,
    typeof body.rule === 'string' ? body.rule : null,
    retry ? Number(retry) : null,
    typeof body.error === 'string' ? body.error : `HTTP ${response.status}`,
  );
}

/** The signed-in session, or null when nobody is signed in. */
export async function currentSession(): Promise<Session | null> {
  const response = await fetch('/auth/session', { credentials: 'same-origin' });
  if (response.status === 401) return null;
  return answer(response);
}

export async function signIn(loginId: string, password: string): Promise<Session> {
  const session = await answer(await post('/auth/sign-in', { loginId, password }));
  if (!session) throw new AuthRouteError(500, 'ERROR', null, null, null, 'no session');
  return session;
}

export async function signOut(): Promise<void> {
  await post('/auth/sign-out', {});
}

/** A new password; the session continues with a fresh cookie. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session | null> {
  return answer(await post('/auth/password', { currentPassword, newPassword }));
}
