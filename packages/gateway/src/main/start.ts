// `pnpm start` (root) runs this with --demo (as the bundle dist/start.cjs, see bin/start.mjs): the
// gateway on the embedded SQLite file with demo data. Options and environment: src/main/service.ts.
import { runService } from './service.ts';

await runService();
