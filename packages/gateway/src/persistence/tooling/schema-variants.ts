import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { derivedSchemaDir, generatedClientRoot, sourceSchemaPath } from './paths.ts';
import { type Provider, providers } from './providers.ts';

/** Raised when prisma/schema.prisma uses something that would not mean the same on both providers. */
export class NonPortableSchemaError extends Error {
  override name = 'NonPortableSchemaError';
}

// Constructs that exist on one provider only (or behave differently); the list grows as we learn.
const forbidden: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /@db\./, why: 'native types (@db.*) are provider-specific' },
  { pattern: /^\s*enum\s+\w+\s*\{/m, why: 'use String for closed sets: PostgreSQL enums need ALTER TYPE' },
  {
    pattern: /\b(?:String|Int|BigInt|Float|Boolean|DateTime|Json|Bytes)\[\]/,
    why: 'scalar lists are PostgreSQL only',
  },
  { pattern: /@default\(\s*(?:dbgenerated|autoincrement|sequence)\(/, why: 'database-side defaults differ' },
  { pattern: /\b(?:Decimal|Unsupported)\b/, why: 'Decimal/Unsupported are not portable' },
  { pattern: /\bextensions\s*=/, why: 'PostgreSQL extensions are provider-specific' },
  { pattern: /\bschemas\s*=/, why: 'multi-schema is PostgreSQL only; the runner sets search_path' },
];

const blockPattern = /^(generator|datasource)\s+\w+\s*\{[^}]*\}\s*$/gm;

/** The models of the source schema, without its generator and datasource blocks. */
export function modelsOf(source: string): string {
  return source.replace(blockPattern, '').replace(/^\n+/, '');
}

export function checkPortable(source: string): void {
  // Comments may mention anything; only the declarations count.
  const code = source.replace(/\/\/.*$/gm, '');
  if (!/provider\s*=\s*"sqlite"/.test(code)) {
    throw new NonPortableSchemaError(
      'prisma/schema.prisma must declare provider = "sqlite" (its source form)',
    );
  }
  for (const { pattern, why } of forbidden) {
    const models = modelsOf(code);
    const hit = models.match(pattern);
    if (hit) throw new NonPortableSchemaError(`prisma/schema.prisma: "${hit[0].trim()}": ${why}`);
  }
}

/** The schema for one provider: fixed generator and datasource blocks plus the source's models. */
export function deriveSchema(source: string, provider: Provider, schemaDir = derivedSchemaDir): string {
  checkPortable(source);
  const output = relative(schemaDir, join(generatedClientRoot, provider)).split('\\').join('/');
  return [
    '// Generated from prisma/schema.prisma by the gateway tooling: do not edit.',
    '',
    'generator client {',
    '  provider = "prisma-client"',
    `  output   = "${output}"`,
    '}',
    '',
    'datasource db {',
    `  provider = "${provider}"`,
    '}',
    '',
    modelsOf(source).trimEnd(),
    '',
  ].join('\n');
}

export function derivedSchemaPath(provider: Provider): string {
  return join(derivedSchemaDir, `schema.${provider}.prisma`);
}

export async function readSourceSchema(): Promise<string> {
  return readFile(sourceSchemaPath, 'utf8');
}

/** Writes prisma/generated/schema.<provider>.prisma for every provider; returns the derived texts. */
export async function writeDerivedSchemas(): Promise<Record<Provider, string>> {
  const source = await readSourceSchema();
  await mkdir(derivedSchemaDir, { recursive: true });
  const out = {} as Record<Provider, string>;
  for (const provider of providers) {
    out[provider] = deriveSchema(source, provider);
    await writeFile(derivedSchemaPath(provider), out[provider]);
  }
  return out;
}
