import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { parseInput, ValidationError } from '@hikikomori-register/core';
import { z } from 'zod';

/**
 * Console passwords: scrypt (memory-hard, in Node's own crypto) with a random salt per password. The
 * stored form names its parameters, `scrypt$N$r$p$salt$hash`, so they can be raised later without
 * breaking existing hashes. Passwords are never logged, stored or returned.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
// 128·N·r bytes are needed; Node's default ceiling (32 MiB) is exactly that, so leave headroom.
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/**
 * A password whose hash is already being computed (scrypt in Node's thread pool, with its own salt),
 * so that the hashing overlaps other work; `setPassword` takes it in place of the plain password.
 * Made only by `prehashPassword`, so the hash is always that of `password`.
 */
export interface PrehashedPassword {
  readonly password: string;
  readonly hash: Promise<string>;
}

export function prehashPassword(password: string): PrehashedPassword {
  const hash = hashPassword(password);
  // Awaited by setPassword; a password never used (a start that fails first) must not crash the process.
  hash.catch(() => {});
  return { password, hash };
}

/** The plain text of a password, prehashed or not (for the policy check). */
export function plainPassword(password: string | PrehashedPassword): string {
  return typeof password === 'string' ? password : password.password;
}

/** The stored form of a password: hashed now, or the hash already under way. */
export function passwordHashOf(password: string | PrehashedPassword): Promise<string> {
  return typeof password === 'string' ? hashPassword(password) : password.hash;
}

/** True when `password` matches the stored hash; false for any malformed hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = [Number(n), Number(r), Number(p)] as const;
  if (!params.every((x) => Number.isInteger(x) && x > 0) || expected.length === 0) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), ...params, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash that matches no password: signing in with an unknown login id still costs one scrypt, so
 * response times do not tell which login ids exist.
 */
export const UNKNOWN_ACCOUNT_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;

/** The longest login id (ログインID). */
export const LOGIN_ID_MAX_LENGTH = 64;

/**
 * ログインID: lowercase ASCII letters, digits, `.`, `_`, `-`; 3–64 characters, starting with a letter
 * or digit. Full-width input (ｙａｍａｄａ) is folded to ASCII first, as staff often type it that way.
 */
export const loginIdSchema = z
  .string()
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3)
      .max(LOGIN_ID_MAX_LENGTH)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, {
        error: 'use lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
      }),
  );

/** A login id as stored, or a ValidationError naming `loginId` and the rule. */
export function parseLoginId(loginId: string): string {
  return parseInput(z.object({ loginId: loginIdSchema }), { loginId }).loginId;
}

export function loginIdTaken(): ValidationError {
  return new ValidationError([
    { field: 'loginId', rule: 'login_id_unique', message: 'this login id is already in use' },
  ]);
}

/** Passwords everyone tries first; refused whatever their length. */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'passw0rd1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'abcdefghij',
  'iloveyou123',
  'administrator',
  'hikikomori',
  'hikikomori1',
  'password123',
]);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Password policy (NIST SP 800-63B style): long rather than complex — at least 10 characters (any
 * script, counted as characters, not bytes), at most 200, not a well-known password, not the login id.
 */
export function passwordIssue(
  password: string,
  loginId: string | null,
): { rule: string; message: string } | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return { rule: 'password_min_length', message: `at least ${PASSWORD_MIN_LENGTH} characters` };
  if (length > PASSWORD_MAX_LENGTH)
    return { rule: 'password_max_length', message: `at most ${PASSWORD_MAX_LENGTH} characters` };
  if (password.includes('\u0000'))
    return { rule: 'no_control_characters', message: 'contains a NUL character' };
  const folded = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || /^(.)\1+$/u.test(folded))
    return { rule: 'password_not_common', message: 'too easy to guess' };
  if (loginId && folded.includes(loginId))
    return { rule: 'password_not_login_id', message: 'must not contain the login id' };
  return null;
}

/** Refuses a password the policy does not allow, with a ValidationError naming `password` and the rule. */
export function assertPasswordAllowed(password: string, loginId: string | null): void {
  const issue = passwordIssue(password, loginId);
  if (issue) throw new ValidationError([{ field: 'password', ...issue }]);
}

/**
 * A temporary password for an admin to hand over (or for the demo): 4 groups of 4 from an alphabet
 * without look-alikes (no 0/O, 1/l/I), e.g. `k7mq-3xta-pw9c-hr4e` — about 80 bits.
 */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
