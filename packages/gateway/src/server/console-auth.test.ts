import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './console-auth.ts';
import { type Harness, harness } from './test-harness.ts';

const PASSWORD = 'correct horse battery';

describe('staff console sign-in (/auth/*)', () => {
  let h: Harness;
  afterEach(() => h?.close());

  async function setUp(options: Parameters<typeof harness>[0] = {}) {
    h = await harness(options);
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const account = await h.staff.createStaff({
      agencyId: centre.id,
      displayName: '架空 相談員',
      role: 'staff',
      loginId: 'kakuu.sodan',
    });
    await h.staff.setPassword(account.id, PASSWORD, { temporary: false });
    return { centre, account };
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    h.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** The cookie pair (`hkr_session=…`) a response sets, or null. */
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? null;

  const signIn = async (password = PASSWORD, loginId = 'kakuu.sodan') =>
    post('/auth/sign-in', { loginId, password });

  const graphql = (cookie: string | null, query: string, headers: Record<string, string> = {}) =>
    post('/graphql', { query }, cookie ? { cookie, ...headers } : headers);

  it('exchanges the password for an HttpOnly, SameSite=Strict session cookie that the API accepts', async () => {
    const { account } = await setUp();
    const response = await signIn();
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=hks_[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Max-Age=43200');
    expect(setCookie).not.toContain('Secure');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      role: 'staff',
      expiresAt: expect.any(String),
      mustChangePassword: false,
    });
    const cookie = cookieOf(response);
    const me = await graphql(cookie, '{ me { staffId displayName } }');
    expect(await me.json()).toEqual({ data: { me: { staffId: account.id, displayName: '架空 相談員' } } });
    const session = await h.request('/auth/session', { headers: { cookie: cookie ?? '' } });
    expect(await session.json()).toMatchObject({ displayName: '架空 相談員', loginId: 'kakuu.sodan' });
    expect(JSON.stringify(h.logs)).not.toContain(PASSWORD);
    expect(JSON.stringify(h.logs)).not.toContain(cookie?.split('=')[1]);
  });

  it('refuses the cookie and the sign-in from another origin (CSRF)', async () => {
    await setUp();
    const cookie = cookieOf(await signIn());
    const foreign = await graphql(cookie, '{ me { staffId } }', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(401);
    expect((await foreign.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const ownOrigin = await graphql(cookie, '{ me { staffId } }', { origin: 'http://gateway.test' });
    expect(ownOrigin.status).toBe(200);
    const signInElsewhere = await post(
      '/auth/sign-in',
      { loginId: 'kakuu.sodan', password: PASSWORD },
      { origin: 'http://evil.example' },
    );
    expect(signInElsewhere.status).toBe(403);
    expect(cookieOf(signInElsewhere)).toBeNull();
  });

  it('takes only a JSON POST, and answers a wrong password like an unknown login id', async () => {
    await setUp();
    expect((await h.request('/auth/sign-in')).status).toBe(405);
    const form = await h.request('/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `loginId=kakuu.sodan&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(415);
    expect((await post('/auth/sign-in', { loginId: 'kakuu.sodan' })).status).toBe(400);
    const wrong = await signIn('wrong horse battery');
    const unknown = await signIn(PASSWORD, 'nobody');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(cookieOf(wrong)).toBeNull();
    expect(JSON.stringify(h.logs)).not.toContain('wrong horse battery');
  });

  it('locks a login id after 5 failed passwords with 429 and Retry-After, even for the right password', async () => {
    await setUp();
    for (let i = 0; i < 5; i++) expect((await signIn(`guess number ${i}`)).status).toBe(401);
    const locked = await signIn();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await locked.json()).code).toBe('RATE_LIMITED');
    // Other accounts from the same address (an office) still sign in.
    expect((await signIn('wrong horse battery', 'someone.else')).status).toBe(401);
    // The clock moves on past the lock: the right password works again.
    h.setToday('2023-04-04');
    expect((await signIn()).status).toBe(200);
  });

  it('locks an address trying many accounts, whatever login id it tries next', async () => {
    await setUp({
      gateway: { throttle: { passwordAddress: { maxFailures: 4, windowMs: 60_000, lockMs: 60_000 } } },
    });
    for (let i = 0; i < 4; i++) expect((await signIn(PASSWORD, `account${i}`)).status).toBe(401);
    expect((await signIn()).status).toBe(429);
  });

  it('locks an address after repeated bad tokens or cookies (429), answering nothing else', async () => {
    await setUp({ gateway: { throttle: { token: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000 } } } });
    for (let i = 0; i < 3; i++) {
      const bad = await h.gql(`hkr_${'x'.repeat(43)}`, '{ me { staffId } }');
      expect(bad.status).toBe(401);
    }
    const cookie = cookieOf(await signIn());
    const locked = await graphql(cookie, '{ me { staffId } }');
    expect(locked.status).toBe(429);
    expect((await locked.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(
      (await h.request('/indicators.csv?fiscalYear=2023', { headers: { cookie: cookie ?? '' } })).status,
    ).toBe(429);
  });

  it('holds a temporary password to `me` until it is replaced, then continues with a fresh session', async () => {
    const { account } = await setUp();
    await h.staff.setPassword(account.id, 'k7mq-3xta-pw9c-hr4e', { temporary: true });
    const first = await signIn('k7mq-3xta-pw9c-hr4e');
    expect(await first.json()).toMatchObject({ mustChangePassword: true });
    const cookie = cookieOf(first);
    expect((await graphql(cookie, '{ me { staffId } }')).status).toBe(200);
    const held = await graphql(cookie, '{ cases(first: 1) { edges { node { id } } } }');
    expect(held.status).toBe(403);
    expect((await held.json()).errors[0].extensions.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const mutation = await graphql(cookie, 'mutation { __typename }');
    expect(mutation.status).toBe(403);

    const change = (body: unknown) => post('/auth/password', body, { cookie: cookie ?? '' });
    const wrongCurrent = await change({
      currentPassword: 'not it at all',
      newPassword: 'a much better secret',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(await wrongCurrent.json()).toMatchObject({
      field: 'currentPassword',
      rule: 'current_password_matches',
    });
    const weak = await change({ currentPassword: 'k7mq-3xta-pw9c-hr4e', newPassword: 'short' });
    expect(await weak.json()).toMatchObject({ field: 'newPassword', rule: 'password_min_length' });
    const changed = await change({
      currentPassword: 'k7mq-3xta-pw9c-hr4e',
      newPassword: 'a much better secret',
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ mustChangePassword: false });
    const fresh = cookieOf(changed);
    expect(fresh).not.toBe(cookie);
    expect((await graphql(cookie, '{ me { staffId } }')).status).toBe(401);
    expect((await graphql(fresh, '{ cases(first: 1) { edges { node { id } } } }')).status).toBe(200);
  });

  it('signs out: the cookie is cleared and the session ends', async () => {
    await setUp();
    const cookie = cookieOf(await signIn());
    const out = await h.request('/auth/sign-out', { method: 'POST', headers: { cookie: cookie ?? '' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await graphql(cookie, '{ me { staffId } }')).status).toBe(401);
    expect((await h.request('/auth/session', { headers: { cookie: cookie ?? '' } })).status).toBe(401);
  });
});
