import { createHash } from 'node:crypto';
import { type GraphiQLOptions, type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';
import { answering } from './request-hooks.ts';

interface Page {
  readonly raw: Uint8Array<ArrayBuffer>;
  readonly etag: string;
}

/**
 * GraphiQL on GET /graphql from a browser. Its assets are inlined (no CDN on municipal networks), so
 * the page is about 9 MB: rendering it and encoding it to UTF-8 on every request held the event loop
 * for a tenth of a second or more. It is rendered once and kept as bytes; a repeated request with its
 * ETag gets a 304. (It is not sent gzipped: Node's fetch, reading a gzipped answer of this size from
 * Yoga's server adapter, saw the connection closed under concurrent requests.) Its module, the 9 MB of
 * inlined assets, is loaded at the first such request, not at start: most starts never serve it, and
 * compiling it at start cost time to ready and memory for the life of the process.
 */
export function useGraphiQLPage(endpoint: string, options: GraphiQLOptions): Plugin {
  let page: Promise<Page> | null = null;
  const render = async (): Promise<Page> => {
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    const raw = Buffer.from(renderGraphiQL(options), 'utf8');
    return { raw, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"` };
  };
  return {
    onRequest: answering(
      ({ request, url }) =>
        shouldRenderGraphiQL(request) && (url.pathname === endpoint || url.pathname === `${endpoint}/`),
      async ({ request, endResponse, fetchAPI }) => {
        // A failed load is not kept: the next request tries again.
        page ??= render().catch((error: unknown) => {
          page = null;
          throw error;
        });
        const { raw, etag } = await page;
        const headers = { 'content-type': 'text/html; charset=utf-8', etag };
        if (request.headers.get('if-none-match') === etag) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        endResponse(new fetchAPI.Response(raw, { status: 200, headers }));
      },
    ),
  };
}
