import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type GraphiQLOptions, type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';

interface Page {
  readonly raw: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  /** Made in the thread pool after the first request; until then the page goes uncompressed. */
  gzip: Uint8Array<ArrayBuffer> | null;
}

/**
 * GraphiQL on GET /graphql from a browser. Its assets are inlined (no CDN on municipal networks), so
 * the page is about 9 MB: rendering it and encoding it to UTF-8 on every request held the event loop
 * for a tenth of a second or more. It is rendered once, kept as bytes, and sent gzipped (about a
 * fifth of the size) to clients that accept it; a repeated request with its ETag gets a 304.
 */
export function useGraphiQLPage(endpoint: string, options: GraphiQLOptions): Plugin {
  let page: Page | null = null;
  const render = (): Page => {
    const raw = Buffer.from(renderGraphiQL(options), 'utf8');
    const rendered: Page = {
      raw,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
      gzip: null,
    };
    gzip(raw, (error, compressed) => {
      if (!error) rendered.gzip = compressed as Uint8Array<ArrayBuffer>;
    });
    return rendered;
  };
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!shouldRenderGraphiQL(request)) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      page ??= render();
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        etag: page.etag,
        vary: 'accept-encoding',
      };
      if (request.headers.get('if-none-match') === page.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const gzipped = page.gzip !== null && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      endResponse(
        new fetchAPI.Response(gzipped ? page.gzip : page.raw, {
          status: 200,
          headers: gzipped ? { ...headers, 'content-encoding': 'gzip' } : headers,
        }),
      );
    },
  };
}
