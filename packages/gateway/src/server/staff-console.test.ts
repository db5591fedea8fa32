import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsoleAssets } from './staff-console.ts';
import { type Harness, harness } from './test-harness.ts';

describe('the staff console served at /', () => {
  let dir: string;
  let h: Harness;
  const script = `console.log(${JSON.stringify('ケース台帳'.repeat(200))});`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>ひきこもり支援ケース台帳</title>');
    await writeFile(join(dir, 'assets', 'index-3f2a1c.js'), script);
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    h = await harness({ gateway: { console: await loadConsoleAssets(dir) } });
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for every console route, never framed, running only its own code', async () => {
    for (const path of ['/', '/cases/Q2FzZTox', '/referrals']) {
      const response = await h.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('ひきこもり支援ケース台帳');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('serves hashed assets for a year, gzipped when asked, and 304 for a known ETag', async () => {
    const plain = await h.request('/assets/index-3f2a1c.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe(script);
    const etag = plain.headers.get('etag') ?? '';
    const gzipped = await h.gateway.fetch('http://gateway.test/assets/index-3f2a1c.js', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const raw = new Uint8Array(await gzipped.arrayBuffer());
    // fetch may already have inflated it; either way the script is what arrives.
    const text = raw[0] === 0x1f ? gunzipSync(raw).toString('utf8') : new TextDecoder().decode(raw);
    expect(text).toBe(script);
    const again = await h.request('/assets/index-3f2a1c.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('leaves the API, health and unknown files alone', async () => {
    expect((await h.request('/health')).status).toBe(200);
    expect((await h.request('/assets/missing.js')).status).toBe(404);
    expect((await h.request('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const api = await h.gql(null, '{ __typename }');
    expect(api.data).toEqual({ __typename: 'Query' });
    expect((await h.request('/auth/session')).status).toBe(401);
    expect((await h.request('/../package.json')).status).not.toBe(200);
  });

  it('refuses to start from a folder without index.html', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'console-empty-'));
    await expect(loadConsoleAssets(empty)).rejects.toThrow(/no index.html/);
    await rm(empty, { recursive: true, force: true });
  });
});
