import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipAsync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { answering } from './request-hooks.ts';

/**
 * The staff console (packages/console, built by Vite) served at `/` by the gateway itself, so a
 * register needs one process and one origin: the session cookie and the API share it, and nothing
 * is fetched from anywhere else (offline networks). Files are read once, at start, into memory; each
 * is compressed when first asked for, not at start (level 9 over the whole build held the start).
 */
export interface ConsoleFile {
  readonly body: Uint8Array<ArrayBuffer>;
  /**
   * Compressed copy for clients that accept gzip, made once at the first such request (off the event
   * loop); null where it would not help.
   */
  gzip(): Promise<Uint8Array<ArrayBuffer> | null>;
  readonly type: string;
  readonly etag: string;
  /** Content-hashed build output (`/assets/…`): cached for a year. */
  readonly immutable: boolean;
}

export interface ConsoleAssets {
  /** By URL path, e.g. `/index.html`, `/assets/index-3f2a1c.js`. */
  readonly files: ReadonlyMap<string, ConsoleFile>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Paths the gateway answers itself; the console never shadows them. */
const RESERVED = ['/graphql', '/health', '/ready', '/indicators.csv', '/auth/'];

/**
 * The console runs only its own bundled code and talks only to this origin; it is never framed
 * (clickjacking) and sends no referrer (URLs carry case ids).
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const compress = promisify(gzipAsync);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Reads a built console (Vite's `dist/`); fails when it holds no index.html. */
export async function loadConsoleAssets(dir: string): Promise<ConsoleAssets> {
  const files = new Map<string, ConsoleFile>();
  for (const path of await listFiles(dir)) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const body = new Uint8Array(await readFile(path));
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.byteLength > 1024;
    let gzipped: Promise<Uint8Array<ArrayBuffer> | null> | undefined;
    files.set(urlPath, {
      body,
      gzip: () => {
        gzipped ??= compressible
          ? compress(body, { level: 9 }).then(
              (zipped) => new Uint8Array(zipped),
              // Not compressed this time; the next request tries again.
              () => {
                gzipped = undefined;
                return null;
              },
            )
          : Promise.resolve(null);
        return gzipped;
      },
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  if (!files.has('/index.html'))
    throw new Error(
      `${dir} holds no index.html: build the console (pnpm --filter @hikikomori-register/console build)`,
    );
  return { files };
}

/** GET/HEAD of the console's files; any other path without an extension is a console route (index.html). */
export function useStaffConsole(assets: ConsoleAssets): Plugin {
  const fileFor = (request: Request, path: string): ConsoleFile | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (RESERVED.some((r) => path === r || (r.endsWith('/') && path.startsWith(r)))) return undefined;
    return assets.files.get(path) ?? (extname(path) === '' ? assets.files.get('/index.html') : undefined);
  };
  return {
    onRequest: answering(
      ({ request, url }) => fileFor(request, url.pathname) !== undefined,
      async ({ request, url, endResponse, fetchAPI }) => {
        const file = fileFor(request, url.pathname) as ConsoleFile;
        const headers: Record<string, string> = {
          ...CONSOLE_SECURITY_HEADERS,
          'content-type': file.type,
          etag: file.etag,
          'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          vary: 'accept-encoding',
        };
        if (request.headers.get('if-none-match') === file.etag)
          return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ? await file.gzip() : null;
        const body = gzip ?? file.body;
        if (gzip) headers['content-encoding'] = 'gzip';
        headers['content-length'] = String(body?.byteLength ?? 0);
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
      },
    ),
  };
}
