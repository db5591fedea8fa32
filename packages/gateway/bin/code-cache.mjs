// Runs a CommonJS script with a V8 code cache beside it, so that a start deserialises the functions
// an earlier start compiled instead of parsing and compiling them again. Node 20 has no
// module.enableCompileCache (Node 22); vm.Script's cachedData is what it offers.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * The cache file begins with a line naming the script it was made from (size and modification time).
 * V8 itself rejects a cache made by another V8 or with other flags, but checks only the source's
 * length, not its text: a rebuilt script of the same length would otherwise run stale code.
 */
function scriptStamp(path) {
  const { size, mtimeMs } = statSync(path);
  return `${size}:${mtimeMs}\n`;
}

function readCache(cachePath, stamp) {
  let file;
  try {
    file = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp);
  return file.subarray(0, head.length).equals(head) ? file.subarray(head.length) : undefined;
}

/**
 * Compiles and runs the script at `path`, with the code cache at `cachePath` when there is one for this
 * very script. The script is ASCII (read as Latin-1: a one-byte string) and is a CommonJS module's body
 * in the wrapper Node's own loader would add, `(function (exports, require, module, __filename,
 * __dirname) {…})`, written in the file so that V8 compiles the text as read rather than a copy. Returns what the script exports, whether the cache was `used`, `rejected`
 * (made by another Node or with other V8 flags) or `absent`, and `saveCache()`, which writes a cache of
 * everything compiled so far: call it once the script has done the work whose compiling is worth
 * keeping (the service's start). It never throws: a folder that cannot be written simply keeps none.
 */
export function runWithCodeCache(path, cachePath) {
  const stamp = scriptStamp(path);
  const cachedData = readCache(cachePath, stamp);
  const script = new Script(
    readFileSync(path, 'latin1'),
    cachedData ? { filename: path, cachedData } : { filename: path },
  );
  const cache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, dirname(path));
  return {
    exports: module.exports,
    cache,
    saveCache() {
      const temporary = `${cachePath}.${process.pid}.tmp`;
      try {
        // Written aside and renamed, so that a start reading it meanwhile sees the old cache or the new.
        writeFileSync(temporary, Buffer.concat([Buffer.from(stamp), script.createCachedData()]));
        renameSync(temporary, cachePath);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}
