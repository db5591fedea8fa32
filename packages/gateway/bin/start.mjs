// `pnpm start`: runs the bundled service (dist/start.mjs, built on install), rebuilding it first when
// the sources changed since. Options and environment are those of src/main/start.ts.
import { pathToFileURL } from 'node:url';
import { buildBundle, bundleIsStale, bundlePath } from './build.mjs';

if (bundleIsStale()) await buildBundle();
await import(pathToFileURL(bundlePath).href);
