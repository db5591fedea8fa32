import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CODEGEN_PATHS, generateConsoleTypes } from '../../scripts/codegen.ts';

describe('the console’s generated operations', () => {
  it('match the schema and the operations (pnpm --filter @hikikomori-register/console codegen)', async () => {
    expect(await readFile(CONSOLE_CODEGEN_PATHS.output, 'utf8')).toBe(await generateConsoleTypes());
  });
});
