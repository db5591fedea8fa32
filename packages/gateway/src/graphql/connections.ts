import { DEFAULT_PAGE_SIZE, type Page, type PageRequestInput } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { type ConnectionArgs, checkConnectionArgs } from './connection-limits.ts';
import { badInput, read } from './errors.ts';

export type { ConnectionArgs } from './connection-limits.ts';

export interface ConnectionShape<T> {
  /** A number, or a count the resolver runs only when the field is asked for. */
  totalCount: number | (() => Promise<number>);
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Forward paging for lists the core pages itself (newest first, opaque cursors). */
export function pageRequestOf(args: ConnectionArgs): PageRequestInput {
  checkConnectionArgs(args);
  if (args.last != null || args.before != null)
    throw badInput('this list pages forward only: use first and after');
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  return args.after ? { first, after: args.after } : { first };
}

export function connectionOfPage<T>(
  page: Page<T>,
  args: ConnectionArgs,
  totalCount: ConnectionShape<T>['totalCount'],
): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ node, cursor: page.cursors[i] ?? '' }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: page.endCursor,
    },
  };
}

const encode = (key: string) => Buffer.from(`k:${key}`, 'utf8').toString('base64url');

/**
 * A connection over a list the core returns whole, in its stable order. Cursors name the item's key
 * (not its offset), so a record added while someone pages does not shift the pages after it.
 */
export function connectionOfList<T>(
  items: readonly T[],
  args: ConnectionArgs,
  key: (item: T) => string,
): ConnectionShape<T> {
  // Also checked before the resolver runs (ConnectionLimitsPlugin); here for callers outside it.
  checkConnectionArgs(args);
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) throw badInput('give first or last, not both');
  const cursors = items.map((item) => encode(key(item)));
  const indexOf = (cursor: string) => {
    const i = cursors.indexOf(cursor);
    if (i < 0) throw badInput('unknown cursor: the list may have changed, start again');
    return i;
  };
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (end < start) end = start;
  if (last !== null) start = Math.max(start, end - last);
  else end = Math.min(end, start + (first ?? DEFAULT_PAGE_SIZE));
  const edges = items.slice(start, end).map((node, i) => ({ node, cursor: cursors[start + i] as string }));
  return {
    totalCount: items.length,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The optional `from`/`to` day arguments of a list, as the core's date range (absent ones left out). */
export function dateRangeOf(args: { readonly from?: string | null; readonly to?: string | null }): {
  from?: string;
  to?: string;
} {
  return { ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) };
}

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the list gives over all pages (for counts on list screens).',
    resolve: (connection) =>
      typeof connection.totalCount === 'number' ? connection.totalCount : read(connection.totalCount),
  }),
);
