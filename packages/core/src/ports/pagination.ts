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

/** Cursor of a list ordered newest first by (instant, id): both parts keep the order stable. */
export function encodeCursor(at: Date, id: string): string {
  const bytes = new TextEncoder().encode(`${at.toISOString()}|${id}`);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
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
