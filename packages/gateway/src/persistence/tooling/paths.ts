import { fileURLToPath } from 'node:url';

// Every path is resolved from this file, so the scripts work from any working directory.
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const repoRoot = here('../../../../../');
export const prismaDir = here('../../../../../prisma/');
export const sourceSchemaPath = here('../../../../../prisma/schema.prisma');
export const derivedSchemaDir = here('../../../../../prisma/generated/');
export const migrationsRoot = here('../../../../../prisma/migrations/');
export const generatedClientRoot = here('../generated/');
