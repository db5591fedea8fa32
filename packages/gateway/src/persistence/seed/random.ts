import { addDays, type CalendarDate, daysBetween } from '@hikikomori-register/core';

/**
 * A small deterministic random source (sfc32, 128-bit state): the same seed gives the same numbers on
 * every platform. Every case draws from its own stream, seeded from (seed, case index), so a case can
 * be regenerated alone and the cases can be produced one at a time.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: readonly number[]) {
    // splitmix32 over the seeds fills the state; a few rounds discard the weak start.
    let h = 0x9e3779b9;
    const mix = (value: number) => {
      h = (h + (value | 0) + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (const s of seeds) mix(s);
    this.a = mix(1);
    this.b = mix(2);
    this.c = mix(3);
    this.d = mix(4);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `choices` with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** Exponentially distributed whole days with the given mean, at least `min`. */
  days(mean: number, min = 1): number {
    return Math.max(min, Math.round(-Math.log(1 - this.next()) * mean));
  }

  /** A day in [from, to] (inclusive). */
  dateBetween(from: CalendarDate, to: CalendarDate): CalendarDate {
    return addDays(from, this.int(0, Math.max(0, daysBetween(from, to))));
  }

  /** Up to `n` distinct items, in the list's order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const chosen = new Set<number>();
    const want = Math.min(n, items.length);
    while (chosen.size < want) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  }
}

/** A 32-bit hash of a number (for the seed part of ids). */
export function hash32(value: number): number {
  return new Random(value, 0x5eed).int(0, 0xffffffff) >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/**
 * Deterministic UUID-shaped ids that can never collide within a seed: the seed's hash, the kind of
 * record, a serial and an owner index (the case) are written into the digits, nothing is random.
 */
export function seedId(seedHash: number, kind: number, owner: number, serial: number): string {
  if (serial < 0 || serial > 0xfff) throw new RangeError(`id serial ${serial} out of range`);
  const high = Math.floor(owner / 2 ** 48);
  const low = owner % 2 ** 48;
  return `${hex(seedHash, 8)}-${hex(kind, 4)}-4${hex(serial, 3)}-8${hex(high, 3)}-${hex(low, 12)}`;
}
