/**
 * A UUID of version 7 (RFC 9562): the instant's milliseconds since the epoch in the first 48 bits,
 * then random bits. Ids made at later instants sort later, as text too, so a table that only grows
 * (the audit log) adds to its primary-key index at one end instead of at random places: each batch
 * then dirties a page or two of that index, not one per entry, and the write-ahead log after a
 * checkpoint carries far fewer whole index pages.
 */
export function timeOrderedId(at: Date): string {
  const bytes = new Uint8Array(16);
  bytes.set(randomBytes(10), 6);
  let ms = Math.max(0, Math.floor(at.getTime()));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let hex = '';
  for (const b of bytes) hex += HEX[b];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Random bytes from a pool filled a few kilobytes at a time: one `getRandomValues` per id cost more
 * than the rest of making it (a caseload page makes 20 ids), the call itself being the cost, not the
 * bytes. Each byte is handed out once.
 */
const POOL_SIZE = 4_096;
let pool = new Uint8Array(0);
let poolAt = 0;

function randomBytes(count: number): Uint8Array {
  if (poolAt + count > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + count);
  poolAt += count;
  return bytes;
}
