/**
 * Throttling of failed authentication (password guessing, token guessing): after `maxFailures`
 * failures for a key within `windowMs`, the key is refused for `lockMs` — the gateway answers 429 with
 * Retry-After, before checking the credentials at all. Passwords are counted per account and per
 * client address, so one address cannot try many accounts and many addresses cannot hammer one
 * account; tokens per address. A success clears the account's failures.
 *
 * Kept in memory per process: a restart forgets, and several gateway processes each count on their
 * own (documented in the gateway README). Memory is bounded: the oldest keys are dropped first.
 */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/** Console passwords, per account: 5 failures in 15 minutes lock it for 15 minutes. */
export const PASSWORD_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
/** Console passwords, per client address: a whole office often shares one address, so more are allowed. */
export const PASSWORD_ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 50,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
/** Bearer tokens and session cookies: 20 failures a minute from one address lock it for 5 minutes. */
export const TOKEN_THROTTLE: ThrottlePolicy = { maxFailures: 20, windowMs: 60_000, lockMs: 5 * 60_000 };

const MAX_KEYS = 10_000;

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class AuthThrottle {
  readonly #entries = new Map<string, Entry>();

  constructor(
    readonly policy: ThrottlePolicy,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds until any of the keys may try again, or 0 when none is locked. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.clock();
    let until = 0;
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry && entry.lockedUntil > now) until = Math.max(until, entry.lockedUntil);
    }
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Records a failure for every key; a key reaching the limit is locked. */
  fail(keys: readonly string[]): void {
    const now = this.clock();
    for (const key of keys) {
      const entry = this.#entries.get(key) ?? { failures: [], lockedUntil: 0 };
      entry.failures = entry.failures.filter((t) => now - t < this.policy.windowMs);
      entry.failures.push(now);
      if (entry.failures.length >= this.policy.maxFailures) {
        entry.lockedUntil = now + this.policy.lockMs;
        entry.failures = [];
      }
      // Re-inserting keeps the map in least-recently-failed order for eviction.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    while (this.#entries.size > MAX_KEYS) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Forgets the keys' failures (a successful sign-in), but not a lock already in force. */
  succeed(keys: readonly string[]): void {
    const now = this.clock();
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry && entry.lockedUntil <= now) this.#entries.delete(key);
    }
  }
}
