import { z } from 'zod';
import { text, withTextRule } from '../shared/text.ts';

/**
 * Cursor pagination for every list (Relay style). Cursors are opaque strings made by the repository;
 * callers only pass back what they were given. Defaults and the cap are the same everywhere.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const pageRequestSchema = z.object({
  first: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  after: withTextRule(text('id').max(500)).nullish(),
});
export type PageRequest = z.output<typeof pageRequestSchema>;
export type PageRequestInput = z.input<typeof pageRequestSchema>;

export interface Page<T> {
  readonly items: readonly T[];
  /** Cursor of each item, in the same order (for Relay edges). */
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Printable ASCII: its own UTF-8 and Latin-1. */
const PRINTABLE_ASCII = /^[ -~]*$/;
const URL_SAFE: Readonly<Record<string, string>> = { '+': '-', '/': '_', '=': '' };

/**
 * Cursor of a list ordered newest first by (instant, id): both parts keep the order stable. Base64url
 * of the UTF-8 text, unpadded. Every item of every page gets one, so the usual ASCII text (instants,
 * UUIDs) goes to `btoa` as it is, without a byte array per cursor.
 */
export function encodeCursor(at: Date, id: string): string {
  const text = `${at.toISOString()}|${id}`;
  const latin1 = PRINTABLE_ASCII.test(text) ? text : String.fromCharCode(...new TextEncoder().encode(text));
  // `=` is only ever the padding at the end.
  return btoa(latin1).replace(/[+/=]/g, (c) => URL_SAFE[c] as string);
}

export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  let text: string;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const bar = text.indexOf('|');
  if (bar < 0) return null;
  const at = new Date(text.slice(0, bar));
  if (Number.isNaN(at.getTime())) return null;
  return { at, id: text.slice(bar + 1) };
}
