// Bundles the gateway's service (src/main/service.ts with the core) into one CommonJS script,
// dist/start.cjs, so that `pnpm start` runs plain JavaScript: no TypeScript compiler in the process,
// one file to load, and a script V8 can keep a code cache for (bin/code-cache.mjs; an ES module
// cannot have one on Node 20). Run on install (after the Prisma clients are generated) and by
// bin/start.mjs when the sources are newer than the bundle. Native and PostgreSQL-only packages stay
// require()s of node_modules; the workspace's own and the pure-JavaScript packages are bundled.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(gatewayDir, 'dist');
export const bundlePath = join(distDir, 'start.cjs');
const sourceDirs = [join(gatewayDir, 'src'), join(gatewayDir, '..', 'core', 'src')];

/** The newest modification time among the sources the bundle is made of (tests excluded). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mjs|js|json)$/.test(entry.name) && !/\.test(-d)?\.ts$|\.shared\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when there is no bundle or a source changed after it was written. */
export function bundleIsStale() {
  let built;
  try {
    built = statSync(bundlePath).mtimeMs;
  } catch {
    return true;
  }
  return sourceDirs.some((dir) => newestSource(dir) > built);
}

/**
 * Packages loaded from node_modules at run time rather than compiled into the bundle: native ones
 * (better-sqlite3), the PostgreSQL driver and its adapter, and GraphiQL's page (9 MB, for the first
 * browser that asks). Prisma's runtime is compiled in: the query compiler's WebAssembly is the file below.
 */
const INSTALLED =
  /^(node:|better-sqlite3$|bindings$|@prisma\/adapter-pg$|pg($|\/)|@graphql-yoga\/render-graphiql$)/;

const require = createRequire(import.meta.url);
const QUERY_COMPILER_BASE64 = /^@prisma\/client\/runtime\/(query_compiler_\w+_bg)\.(\w+)\.wasm-base64\.mjs$/;

/**
 * Prisma's query compiler (WebAssembly) comes as a module exporting it in base64: 4.4 MB of source to
 * read, compile and decode at every start. The bundle takes it as a binary file written once here,
 * under dist/chunks/, read when the first client of that database is made. The generated client passes the export to `Buffer.from(x, 'base64')`,
 * which copies a buffer as it is; a client generated otherwise keeps Prisma's module.
 */
const queryCompilerAsBinary = {
  name: 'query-compiler-as-binary',
  setup(b) {
    b.onResolve({ filter: QUERY_COMPILER_BASE64 }, (args) => {
      const importer = readFileSync(args.importer, 'utf8');
      if (!/Buffer\.from\(wasmBase64, 'base64'\)/.test(importer)) return undefined;
      return { path: args.path, namespace: 'query-compiler-binary' };
    });
    b.onLoad({ filter: /.*/, namespace: 'query-compiler-binary' }, async (args) => {
      const [, name, provider] = QUERY_COMPILER_BASE64.exec(args.path);
      const { wasm } = await import(require.resolve(args.path));
      const file = `${name}.${provider}.wasm`;
      mkdirSync(join(distDir, 'chunks'), { recursive: true });
      writeFileSync(join(distDir, 'chunks', file), Buffer.from(wasm, 'base64'));
      return {
        contents: `import { readFileSync } from 'node:fs';\nexport const wasm = readFileSync(new URL('./chunks/${file}', import.meta.url));\n`,
        loader: 'js',
      };
    });
  },
};

export async function buildBundle() {
  const { build } = await import('esbuild');
  // Chunks of an earlier build would stay beside the new ones.
  rmSync(distDir, { recursive: true, force: true });
  await build({
    entryPoints: { start: join(gatewayDir, 'src', 'main', 'service.ts') },
    outdir: distDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // import() becomes a require() run when reached: what only PostgreSQL needs (its generated client,
    // compiled in; the driver, installed) is neither run nor required on SQLite. A lazily compiled
    // function costs nothing until called, and the code cache skips parsing altogether.
    supported: { 'dynamic-import': false },
    // An ES module's own URL, for the CommonJS script: the generated client and the repository's paths
    // find their folders from it.
    define: { 'import.meta.url': '__bundleUrl' },
    // The file is the body of a CommonJS module wrapper, as Node's own loader would wrap it, so that
    // bin/code-cache.mjs compiles the file's text as it is read instead of a copy with the wrapper added.
    banner: {
      js: "(function (exports, require, module, __filename, __dirname) {'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
    },
    footer: { js: '})' },
    // Resolving, reading and compiling some 300 modules one by one took a large share of the start.
    plugins: [
      queryCompilerAsBinary,
      {
        name: 'installed-packages-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            INSTALLED.test(args.path) ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  });
  // esbuild writes code in ASCII but keeps comments as written (some in Japanese). Escaped there too,
  // the file is read as Latin-1: a one-byte string in V8, half the memory of the UTF-16 it needs otherwise.
  const text = readFileSync(bundlePath, 'utf8');
  writeFileSync(
    bundlePath,
    text.replace(/[^\0-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = performance.now();
  await buildBundle();
  console.log(`gateway bundled into dist/start.cjs in ${Math.round(performance.now() - startedAt)} ms`);
}
