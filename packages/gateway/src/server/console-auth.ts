import type { Plugin } from 'graphql-yoga';
import type { StaffDirectory, StaffSession, StartedSession } from '../auth/staff-directory.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import type { GatewayLogger } from './logger.ts';
import { answering } from './request-hooks.ts';

/**
 * Staff console sign-in: a password exchanged for a session in an HttpOnly, SameSite=Strict cookie.
 * API tokens stay for systems. The routes:
 *
 *   POST /auth/sign-in   {"loginId","password"}               → 200 + cookie | 401 | 429
 *   GET  /auth/session                                         → 200 the signed-in staff | 401
 *   POST /auth/password  {"currentPassword","newPassword"}     → 200 + new cookie | 400 | 401 | 429
 *   POST /auth/sign-out                                        → 204, cookie cleared
 *
 * CSRF: the cookie is SameSite=Strict (never sent by another site), the POST routes take only
 * `application/json` (another origin cannot send that without a CORS preflight, which is refused),
 * and a request whose Origin header names another origin is refused outright.
 */
export const SESSION_COOKIE = 'hkr_session';
export const AUTH_PATH_PREFIX = '/auth/';

/** The value of one cookie of the request, or null. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** True unless the request says it comes from another origin (no Origin header: same-origin navigation). */
export function fromOwnOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === new URL(request.url).origin;
}

function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}

function sessionCookie(request: Request, token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(isSecure(request) ? ['Secure'] : []),
  ].join('; ');
}

function clearedCookie(request: Request): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0']
    .concat(isSecure(request) ? ['Secure'] : [])
    .join('; ');
}

export interface ConsoleAuthOptions {
  readonly staff: StaffDirectory;
  /** Failed passwords by account (login id, or the signed-in staff member). */
  readonly accountThrottle: AuthThrottle;
  /** Failed passwords by client address. */
  readonly addressThrottle: AuthThrottle;
  readonly logger: GatewayLogger;
  readonly clock: () => Date;
  /** The client's address (for throttling), from the server context. */
  readonly clientAddress: (request: Request) => string;
}

const MAX_FIELD_LENGTH = 1_000;

/** Reads a JSON object of string fields; null when the body is not one. */
async function stringFields(
  request: Request,
  names: readonly string[],
): Promise<Record<string, string> | null> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) return null;
    fields[name] = value;
  }
  return fields;
}

export function useConsoleAuth(options: ConsoleAuthOptions): Plugin {
  const { staff, logger, clock } = options;
  /** Both counts for one attempt: the account's and the client address's. */
  const attempt = (account: string, address: string) => ({
    retryAfterSeconds: () =>
      Math.max(
        options.accountThrottle.retryAfterSeconds([account]),
        options.addressThrottle.retryAfterSeconds([address]),
      ),
    fail: () => {
      options.accountThrottle.fail([account]);
      options.addressThrottle.fail([address]);
    },
    succeed: () => options.accountThrottle.succeed([account]),
  });
  return {
    onRequest: answering(
      ({ url }) => url.pathname.startsWith(AUTH_PATH_PREFIX),
      async ({ request, url, endResponse, fetchAPI }) => {
        const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
          endResponse(
            new fetchAPI.Response(body === null ? null : JSON.stringify(body), {
              status,
              headers: {
                ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }),
                'cache-control': 'no-store',
                ...headers,
              },
            }),
          );
        const refuse = (
          status: number,
          code: string,
          message: string,
          headers: Record<string, string> = {},
        ) => reply(status, { error: message, code }, headers);
        const route = url.pathname.slice(AUTH_PATH_PREFIX.length);
        const method = route === 'session' ? 'GET' : 'POST';
        if (!['sign-in', 'session', 'password', 'sign-out'].includes(route))
          return refuse(404, 'NOT_FOUND', 'no such route');
        if (request.method !== method)
          return refuse(405, 'METHOD_NOT_ALLOWED', `use ${method}`, { allow: method });
        if (!fromOwnOrigin(request))
          return refuse(403, 'CROSS_ORIGIN', 'requests from another origin are refused');
        if (
          method === 'POST' &&
          route !== 'sign-out' &&
          !request.headers.get('content-type')?.startsWith('application/json')
        )
          return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json');

        const address = options.clientAddress(request);
        const signedIn = (session: StartedSession, status = 200) =>
          reply(status, sessionBody(session), {
            'set-cookie': sessionCookie(request, session.token, session.expiresAt, clock()),
          });

        if (route === 'sign-in') {
          const fields = await stringFields(request, ['loginId', 'password']);
          if (!fields) return refuse(400, 'BAD_REQUEST', 'send {"loginId": "…", "password": "…"}');
          const throttle = attempt(
            `login:${fields.loginId?.normalize('NFKC').trim().toLowerCase()}`,
            address,
          );
          const wait = throttle.retryAfterSeconds();
          if (wait > 0) return tooMany(wait);
          const session = await staff.signIn(fields.loginId ?? '', fields.password ?? '');
          if (!session) {
            throttle.fail();
            // Neither the login id nor the password is logged: people type passwords into the wrong field.
            logger.warn({ event: 'staff.sign_in_failed', address });
            return refuse(401, 'INVALID_CREDENTIALS', 'the login id or the password is wrong');
          }
          throttle.succeed();
          logger.info({
            event: 'staff.signed_in',
            staffId: session.actor.staffId,
            agencyId: session.actor.agencyId,
          });
          return signedIn(session);
        }

        const token = readCookie(request, SESSION_COOKIE);
        if (route === 'sign-out') {
          if (token) await staff.endSession(token);
          return reply(204, null, { 'set-cookie': clearedCookie(request) });
        }
        const current = token ? await staff.authenticateSession(token) : null;
        if (!current)
          return refuse(401, 'UNAUTHENTICATED', 'not signed in', { 'set-cookie': clearedCookie(request) });
        if (route === 'session') {
          const account = await staff.getStaff(current.actor.staffId);
          return reply(200, {
            ...sessionBody(current),
            displayName: account?.displayName ?? null,
            loginId: account?.loginId ?? null,
          });
        }

        // route === 'password': the current password proves it is the staff member, not a borrowed screen.
        const fields = await stringFields(request, ['currentPassword', 'newPassword']);
        if (!fields) return refuse(400, 'BAD_REQUEST', 'send {"currentPassword": "…", "newPassword": "…"}');
        const throttle = attempt(`staff:${current.actor.staffId}`, address);
        const wait = throttle.retryAfterSeconds();
        if (wait > 0) return tooMany(wait);
        if (!(await staff.verifyPassword(current.actor.staffId, fields.currentPassword ?? ''))) {
          throttle.fail();
          return reply(400, {
            error: 'the current password is wrong',
            code: 'INVALID_CREDENTIALS',
            field: 'currentPassword',
            rule: 'current_password_matches',
          });
        }
        if (fields.newPassword === fields.currentPassword)
          return reply(400, {
            error: 'the new password must differ from the current one',
            code: 'VALIDATION_FAILED',
            field: 'newPassword',
            rule: 'password_changed',
          });
        try {
          await staff.setPassword(current.actor.staffId, fields.newPassword ?? '', { temporary: false });
        } catch (error) {
          const issue = error as { code?: string; rule?: string; message?: string };
          if (issue.code !== 'VALIDATION_FAILED') throw error;
          return reply(400, {
            error: issue.message,
            code: issue.code,
            field: 'newPassword',
            rule: issue.rule ?? null,
          });
        }
        throttle.succeed();
        logger.info({ event: 'staff.password_changed', staffId: current.actor.staffId });
        // Changing the password ended every session; this browser continues with a fresh one.
        const account = await staff.getStaff(current.actor.staffId);
        const fresh = account?.loginId ? await staff.signIn(account.loginId, fields.newPassword ?? '') : null;
        if (!fresh) return reply(204, null, { 'set-cookie': clearedCookie(request) });
        return signedIn(fresh);

        function tooMany(seconds: number) {
          return refuse(429, 'RATE_LIMITED', `too many failed attempts: try again in ${seconds} s`, {
            'retry-after': String(seconds),
          });
        }
      },
    ),
  };
}

/** What the console learns of its session: no ids, only what it shows and decides on. */
function sessionBody(session: StaffSession) {
  return {
    role: session.actor.role,
    expiresAt: session.expiresAt.toISOString(),
    mustChangePassword: session.mustChangePassword,
  };
}
