import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const loader = fileURLToPath(new URL('./code-cache.mjs', import.meta.url));

/**
 * Runs the script through `runWithCodeCache` in a process of its own, as `pnpm start` does (in one
 * process V8 would answer a second compilation of the same text from memory, cache or not), and
 * returns whether the cache was used and what the script's `answer(n)` gives; `save` saves the cache.
 */
function start(path, cachePath, { n = 1, save = false } = {}) {
  const program = `
    const { runWithCodeCache } = await import(${JSON.stringify(loader)});
    const run = runWithCodeCache(${JSON.stringify(path)}, ${JSON.stringify(cachePath)});
    if (${save}) run.saveCache();
    console.log(JSON.stringify({ cache: run.cache, answer: run.exports.answer(${n}), file: run.exports.file }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' }),
  );
}

/** A script in the shape the build writes: a CommonJS module's body in Node's wrapper. */
const wrapped = (body) => `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
const script = wrapped(
  "'use strict'; const { basename } = require('node:path'); module.exports = { answer: (n) => n * 2, file: basename(__filename) };",
);

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'code-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('runWithCodeCache', () => {
  it('runs the script without a cache, then with the cache it saved', async () => {
    const path = join(dir, 'start.cjs');
    const cachePath = `${path}.v8cache`;
    await writeFile(path, script);

    expect(start(path, cachePath, { n: 21, save: true })).toEqual({
      cache: 'absent',
      answer: 42,
      file: 'start.cjs',
    });
    expect(start(path, cachePath, { n: 4 })).toEqual({ cache: 'used', answer: 8, file: 'start.cjs' });
  });

  it('does not use a cache made from another script of the same length', async () => {
    const path = join(dir, 'start.cjs');
    const cachePath = `${path}.v8cache`;
    await writeFile(path, script);
    start(path, cachePath, { save: true });

    // Same length, other code, written later: V8 alone would take the old cache for it.
    const changed = script.replace('n * 2', 'n * 3');
    expect(changed.length).toBe(script.length);
    await writeFile(path, changed);
    const later = new Date(Date.now() + 5_000);
    await utimes(path, later, later);

    expect(start(path, cachePath, { n: 2 })).toMatchObject({ cache: 'absent', answer: 6 });
  });

  it('runs the script when V8 rejects the cache, and replaces the cache', async () => {
    const path = join(dir, 'start.cjs');
    const cachePath = `${path}.v8cache`;
    await writeFile(path, script);
    start(path, cachePath, { save: true });
    const saved = await readFile(cachePath);
    const stampLength = saved.indexOf(10) + 1;
    // The stamp matches, the data after it is not a cache this V8 made (as after a Node upgrade).
    await writeFile(cachePath, Buffer.concat([saved.subarray(0, stampLength), Buffer.alloc(4096, 7)]));

    expect(start(path, cachePath, { n: 5, save: true })).toMatchObject({ cache: 'rejected', answer: 10 });
    expect(start(path, cachePath, { n: 5 })).toMatchObject({ cache: 'used', answer: 10 });
  });

  it('keeps no cache, without failing, where it cannot write', async () => {
    const path = join(dir, 'start.cjs');
    await writeFile(path, script);
    const cachePath = join(dir, 'missing-folder', 'start.cjs.v8cache');
    expect(start(path, cachePath, { n: 3, save: true })).toMatchObject({ cache: 'absent', answer: 6 });
    expect(start(path, cachePath, { n: 3 })).toMatchObject({ cache: 'absent', answer: 6 });
  });
});
