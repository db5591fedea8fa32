// Bundles the gateway's service (src/main/start.ts with the core) into one ES module, dist/start.mjs,
// so that `pnpm start` runs plain JavaScript: no TypeScript compiler in the process, one file to load.
// Run on install (after the Prisma clients are generated) and by bin/start.mjs when the sources are
// newer than the bundle. Packages from node_modules stay imports; the workspace's own are bundled.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(gatewayDir, 'dist', 'start.mjs');
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

export async function buildBundle() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(gatewayDir, 'src', 'main', 'start.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // The workspace's packages are compiled in; everything from node_modules is loaded as installed
    // (native modules, Prisma's runtime and its WebAssembly).
    plugins: [
      {
        name: 'installed-packages-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@hikikomori-register/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = performance.now();
  await buildBundle();
  console.log(`gateway bundled into dist/start.mjs in ${Math.round(performance.now() - startedAt)} ms`);
}
