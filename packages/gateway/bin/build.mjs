// Bundles the gateway's service (src/main/start.ts with the core) into one ES module, dist/start.mjs,
// so that `pnpm start` runs plain JavaScript: no TypeScript compiler in the process, one file to load.
// Run on install (after the Prisma clients are generated) and by bin/start.mjs when the sources are
// newer than the bundle. Packages from node_modules stay imports; the workspace's own are bundled.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(gatewayDir, 'dist');
export const bundlePath = join(distDir, 'start.mjs');
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

/** Packages loaded from node_modules at run time rather than compiled into the bundle. */
const INSTALLED = /^(node:|better-sqlite3$|bindings$|@prisma\/|pg($|\/)|@graphql-yoga\/render-graphiql$)/;

const require = createRequire(import.meta.url);
const QUERY_COMPILER_BASE64 = /^@prisma\/client\/runtime\/(query_compiler_\w+_bg)\.(\w+)\.wasm-base64\.mjs$/;

/**
 * Prisma's query compiler (WebAssembly) comes as a module exporting it in base64: 4.4 MB of source to
 * read, compile and decode at every start. The bundle takes it as a binary file written once here,
 * beside the chunk that loads it. The generated client passes the export to `Buffer.from(x, 'base64')`,
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
        contents: `import { readFileSync } from 'node:fs';\nexport const wasm = readFileSync(new URL('./${file}', import.meta.url));\n`,
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
    entryPoints: { start: join(gatewayDir, 'src', 'main', 'start.ts') },
    outdir: distDir,
    outExtension: { '.js': '.mjs' },
    // What is imported dynamically (the PostgreSQL client and driver) is a chunk of its own, read only
    // when used: a start on SQLite neither reads nor compiles it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Most of node_modules is compiled in too: resolving, reading and compiling some 300 modules one
    // by one took a large share of the start. Loaded as installed: native modules (better-sqlite3),
    // Prisma's runtime (it loads its WebAssembly query compiler by path), the PostgreSQL driver and
    // GraphiQL's page (both loaded only when used).
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
    // Packages written as CommonJS call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = performance.now();
  await buildBundle();
  console.log(`gateway bundled into dist/start.mjs in ${Math.round(performance.now() - startedAt)} ms`);
}
