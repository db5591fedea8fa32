import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CODEGEN_COMMAND, CODEGEN_PATHS, generateClientTypes } from '../scripts/codegen.ts';

describe('src/generated/graphql.ts', () => {
  it('is what the code generator makes of schema.graphql and src/operations today', async () => {
    const committed = await readFile(CODEGEN_PATHS.output, 'utf8');
    const fresh = await generateClientTypes();
    expect(
      committed,
      `src/generated/graphql.ts is stale (the schema or an operation changed): run \`${CODEGEN_COMMAND}\``,
    ).toBe(fresh);
  });

  it('needs no GraphQL runtime: documents are strings and the one import is types only', async () => {
    const committed = await readFile(CODEGEN_PATHS.output, 'utf8');
    const imports = committed.split('\n').filter((line) => /^\s*import\b/.test(line));
    expect(imports).toEqual([
      `import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';`,
    ]);
    expect(committed).not.toMatch(/\bkind: "Document"|from 'graphql'/);
  });
});
