/**
 * Generates `src/api/generated/graphql.ts` — the console's typed documents — from the gateway's committed
 * SDL and `src/api/operations/*.graphql`, with the client package's generator (no network).
 *
 *   pnpm --filter @hikikomori-register/console codegen
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODEGEN_PATHS, generateClientTypes } from '@hikikomori-register/client/codegen';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export const CONSOLE_CODEGEN_PATHS = {
  schema: CODEGEN_PATHS.schema,
  operations: resolve(packageRoot, 'src/api/operations'),
  output: resolve(packageRoot, 'src/api/generated/graphql.ts'),
} as const;

export function generateConsoleTypes(): Promise<string> {
  return generateClientTypes(CONSOLE_CODEGEN_PATHS, {
    command: 'pnpm --filter @hikikomori-register/console codegen',
    operations: 'packages/console/src/api/operations',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(CONSOLE_CODEGEN_PATHS.output, await generateConsoleTypes());
  process.stdout.write(`wrote ${CONSOLE_CODEGEN_PATHS.output}\n`);
}
