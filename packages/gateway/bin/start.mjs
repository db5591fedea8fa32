// `pnpm start`: runs the bundled service (dist/start.cjs, built on install), rebuilding it first when
// the sources changed since. Options and environment are those of src/main/service.ts.
import { buildBundle, bundleIsStale, bundlePath } from './build.mjs';
import { runWithCodeCache } from './code-cache.mjs';

if (bundleIsStale()) await buildBundle();
// V8's code cache of the bundle, made by the first start after a build (dist/ is emptied by each build).
const bundle = runWithCodeCache(bundlePath, `${bundlePath}.v8cache`);
await bundle.exports.runService();
// Once ready: the functions the start compiled are the ones worth keeping. A cache V8 rejected (another
// Node, other V8 flags) is replaced by one this process can use next time.
if (bundle.cache !== 'used') bundle.saveCache();
