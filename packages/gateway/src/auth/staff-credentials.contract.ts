import { ValidationError } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { prehashPassword } from './passwords.ts';
import {
  DEFAULT_SESSION_POLICY,
  DEFAULT_TOKEN_LIFETIME_MS,
  hashToken,
  type StaffDirectory,
} from './staff-directory.ts';

/** A directory with one agency `agency-1` already known, on a clock the test moves. */
export type CredentialsFactory = () => Promise<{
  readonly staff: StaffDirectory;
  advance(ms: number): void;
  now(): Date;
  /** Every stored string of the directory's storage, for "never stored in clear" checks. */
  stored(): Promise<string>;
}>;

/**
 * Console sign-in (login id, password, sessions) and token expiry: one suite, run on the in-memory
 * directory and on SQLite and PostgreSQL.
 */
export function describeStaffCredentials(storage: string, setUp: CredentialsFactory): void {
  describe(`staff credentials (${storage})`, () => {
    async function withPassword(
      t: Awaited<ReturnType<CredentialsFactory>>,
      loginId = 'kakuu.sodan',
      password = 'correct horse battery',
    ) {
      const account = await t.staff.createStaff({
        agencyId: 'agency-1',
        displayName: '架空 相談員',
        role: 'staff',
        loginId,
      });
      await t.staff.setPassword(account.id, password, { temporary: false });
      return { account, password };
    }

    it('takes a password whose hash is already under way: same policy, same sign-in, a salt per account', async () => {
      const t = await setUp();
      const password = 'k7mq-3xta-pw9c-hr4e';
      const accounts = await Promise.all(
        ['kakuu.sodan', 'kakuu.shunin'].map((loginId) =>
          t.staff.createStaff({ agencyId: 'agency-1', displayName: '架空 相談員', role: 'staff', loginId }),
        ),
      );
      for (const account of accounts)
        await t.staff.setPassword(account.id, prehashPassword(password), { temporary: false });
      expect((await t.staff.signIn('kakuu.sodan', password))?.actor.staffId).toBe(accounts[0]?.id);
      expect((await t.staff.signIn('kakuu.shunin', password))?.actor.staffId).toBe(accounts[1]?.id);
      expect(await t.staff.signIn('kakuu.sodan', 'k7mq-3xta-pw9c-hr4x')).toBeNull();
      const hashes = (await t.stored()).match(/scrypt\$[\w$-]+/g) ?? [];
      expect(new Set(hashes).size).toBe(2);
      expect((await t.stored()).includes(password)).toBe(false);
      const refused = await t.staff
        .setPassword(accounts[0]?.id ?? '', prehashPassword('password1234'), { temporary: false })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ field: 'password', rule: 'password_not_common' });
    });

    it('signs in with login id and password; stores only hashes of the password and session', async () => {
      const t = await setUp();
      const { account, password } = await withPassword(t);
      const session = await t.staff.signIn('KAKUU.SODAN', password);
      expect(session).toMatchObject({
        actor: { staffId: account.id, agencyId: 'agency-1', role: 'staff' },
        mustChangePassword: false,
      });
      expect(session?.token).toMatch(/^hks_[A-Za-z0-9_-]{43}$/);
      expect(session?.expiresAt.getTime()).toBe(t.now().getTime() + DEFAULT_SESSION_POLICY.maxAgeMs);
      const everything = await t.stored();
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(session?.token);
      expect(everything).toContain('scrypt$');
      expect(everything).toContain(hashToken(session?.token ?? ''));
      expect(await t.staff.authenticateSession(session?.token ?? '')).toEqual({
        actor: { staffId: account.id, agencyId: 'agency-1', role: 'staff' },
        expiresAt: session?.expiresAt,
        mustChangePassword: false,
      });
      expect((await t.staff.getStaff(account.id))?.hasPassword).toBe(true);
    });

    it('refuses a wrong password, an unknown login id, an inactive account and an account without password', async () => {
      const t = await setUp();
      const { account, password } = await withPassword(t);
      expect(await t.staff.signIn('kakuu.sodan', 'wrong horse battery')).toBeNull();
      expect(await t.staff.signIn('nobody', password)).toBeNull();
      expect(await t.staff.signIn('', '')).toBeNull();
      const noPassword = await t.staff.createStaff({
        agencyId: 'agency-1',
        displayName: '架空 新人',
        role: 'staff',
        loginId: 'kakuu.shinjin',
      });
      expect(noPassword.hasPassword).toBe(false);
      expect(await t.staff.signIn('kakuu.shinjin', '')).toBeNull();
      await t.staff.deactivateStaff(account.id);
      expect(await t.staff.signIn('kakuu.sodan', password)).toBeNull();
    });

    it('ends a session on sign-out, after the idle timeout, at its absolute end and on deactivation', async () => {
      const t = await setUp();
      const { account, password } = await withPassword(t);
      const signedOut = await t.staff.signIn('kakuu.sodan', password);
      await t.staff.endSession(signedOut?.token ?? '');
      expect(await t.staff.authenticateSession(signedOut?.token ?? '')).toBeNull();

      const idle = await t.staff.signIn('kakuu.sodan', password);
      t.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs - 60_000);
      expect(await t.staff.authenticateSession(idle?.token ?? '')).not.toBeNull();
      // Activity keeps it alive past the first idle period…
      t.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs - 60_000);
      expect(await t.staff.authenticateSession(idle?.token ?? '')).not.toBeNull();
      // …but not past a quiet one.
      t.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs);
      expect(await t.staff.authenticateSession(idle?.token ?? '')).toBeNull();

      const long = await t.staff.signIn('kakuu.sodan', password);
      for (let spent = 0; spent < DEFAULT_SESSION_POLICY.maxAgeMs; spent += 20 * 60_000) {
        expect(await t.staff.authenticateSession(long?.token ?? '')).not.toBeNull();
        t.advance(20 * 60_000);
      }
      expect(await t.staff.authenticateSession(long?.token ?? '')).toBeNull();

      const live = await t.staff.signIn('kakuu.sodan', password);
      await t.staff.deactivateStaff(account.id);
      expect(await t.staff.authenticateSession(live?.token ?? '')).toBeNull();
      expect(await t.staff.authenticateSession('hks_not-a-session')).toBeNull();
    });

    it('a new password ends every session; a temporary one must be replaced', async () => {
      const t = await setUp();
      const { account, password } = await withPassword(t);
      const before = await t.staff.signIn('kakuu.sodan', password);
      await t.staff.setPassword(account.id, 'k7mq-3xta-pw9c-hr4e', { temporary: true });
      expect(await t.staff.authenticateSession(before?.token ?? '')).toBeNull();
      expect(await t.staff.signIn('kakuu.sodan', password)).toBeNull();
      const temporary = await t.staff.signIn('kakuu.sodan', 'k7mq-3xta-pw9c-hr4e');
      expect(temporary?.mustChangePassword).toBe(true);
      expect(await t.staff.verifyPassword(account.id, 'k7mq-3xta-pw9c-hr4e')).toBe(true);
      await t.staff.setPassword(account.id, '新しい合言葉はひみつです', { temporary: false });
      const after = await t.staff.signIn('kakuu.sodan', '新しい合言葉はひみつです');
      expect(after?.mustChangePassword).toBe(false);
      expect((await t.staff.getStaff(account.id))?.mustChangePassword).toBe(false);
    });

    it('refuses weak passwords and bad or taken login ids, naming the field and the rule', async () => {
      const t = await setUp();
      const { account } = await withPassword(t);
      const refusal = async (promise: Promise<unknown>) => {
        const error = await promise.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        const { field, rule } = error as ValidationError;
        return { field, rule };
      };
      expect(await refusal(t.staff.setPassword(account.id, 'short', { temporary: false }))).toEqual({
        field: 'password',
        rule: 'password_min_length',
      });
      expect(await refusal(t.staff.setPassword(account.id, 'password1234', { temporary: false }))).toEqual({
        field: 'password',
        rule: 'password_not_common',
      });
      expect(
        await refusal(t.staff.setPassword(account.id, 'my kakuu.sodan pass', { temporary: false })),
      ).toEqual({ field: 'password', rule: 'password_not_login_id' });
      expect(
        await refusal(
          t.staff.createStaff({
            agencyId: 'agency-1',
            displayName: 'x',
            role: 'staff',
            loginId: 'Kakuu.Sodan',
          }),
        ),
      ).toEqual({ field: 'loginId', rule: 'login_id_unique' });
      const other = await t.staff.createStaff({ agencyId: 'agency-1', displayName: 'y', role: 'staff' });
      expect(other.loginId).toBeNull();
      expect(await refusal(t.staff.setLoginId(other.id, 'kakuu.sodan'))).toEqual({
        field: 'loginId',
        rule: 'login_id_unique',
      });
      expect((await refusal(t.staff.setLoginId(other.id, 'ひらがな'))).field).toBe('loginId');
      // Full-width input is folded to ASCII.
      expect((await t.staff.setLoginId(other.id, 'ｋａｋｕｕ．ｙ')).loginId).toBe('kakuu.y');
    });

    it('gives tokens a 90-day expiry unless told otherwise', async () => {
      const t = await setUp();
      const { account } = await withPassword(t);
      const issued = await t.staff.issueToken(account.id, 'integration');
      expect(issued.info.expiresAt?.getTime()).toBe(t.now().getTime() + DEFAULT_TOKEN_LIFETIME_MS);
      const forever = await t.staff.issueToken(account.id, 'embedded', { expiresAt: null });
      expect(forever.info.expiresAt).toBeNull();
      t.advance(DEFAULT_TOKEN_LIFETIME_MS);
      expect(await t.staff.authenticate(issued.token)).toBeNull();
      expect(await t.staff.authenticate(forever.token)).not.toBeNull();
    });
  });
}
