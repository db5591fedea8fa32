import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { providers } from './providers.ts';
import {
  checkPortable,
  derivedSchemaPath,
  deriveSchema,
  modelsOf,
  NonPortableSchemaError,
  readSourceSchema,
} from './schema-variants.ts';

const header =
  'generator client {\n  provider = "prisma-client"\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n\n';
const schemaWith = (model: string) => `${header}model Thing {\n  id String @id\n${model}\n}\n`;

describe('deriving the provider schemas from prisma/schema.prisma', () => {
  it('keeps the models and replaces generator and datasource for each provider', () => {
    const source = schemaWith('  name String');
    const pg = deriveSchema(source, 'postgresql', '/repo/prisma/generated');
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).not.toContain('provider = "sqlite"');
    expect(pg).toMatch(/output\s+= ".*packages\/gateway\/src\/persistence\/generated\/postgresql"/);
    expect(pg).toContain('model Thing {\n  id String @id\n  name String\n}');
    expect(modelsOf(source)).not.toContain('datasource');
  });

  it.each([
    ['native types', '  name String @db.VarChar(20)', /native types/],
    ['enums', '}\nenum Colour {\n  red', /enums/],
    ['scalar lists', '  tags String[]', /scalar lists/],
    ['database-side defaults', '  n Int @default(autoincrement())', /database-side defaults/],
    ['Decimal', '  amount Decimal', /not portable/],
  ])('refuses %s, which would not mean the same on both providers', (_what, model, why) => {
    expect(() => deriveSchema(schemaWith(model), 'postgresql')).toThrow(NonPortableSchemaError);
    expect(() => checkPortable(schemaWith(model))).toThrow(why);
  });

  it('lets comments mention anything', () => {
    expect(() => checkPortable(schemaWith('  // not String[] nor @db.Text\n  name String'))).not.toThrow();
  });

  it('refuses a source that is not written for SQLite', () => {
    expect(() => checkPortable(header.replace('"sqlite"', '"postgresql"'))).toThrow(/provider = "sqlite"/);
  });

  it('has the derived files in step with the source (pnpm db:generate writes them)', async () => {
    const source = await readSourceSchema();
    for (const provider of providers)
      expect(await readFile(derivedSchemaPath(provider), 'utf8')).toBe(deriveSchema(source, provider));
  });

  it('models every concept of the register', async () => {
    const models = [...(await readSourceSchema()).matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models).toEqual(
      expect.arrayContaining([
        'Agency',
        'StaffAccount',
        'ApiToken',
        'Person',
        'HouseholdMember',
        'Case',
        'CaseSupportingAgency',
        'CaseIntake',
        'HealthBackground',
        'SupportStageChange',
        'FamilyStageChange',
        'CaseStatusChange',
        'Contact',
        'ChecklistDefinition',
        'Assessment',
        'SupportPlan',
        'SupportPlanReview',
        'Referral',
        'ReferralStatusChange',
        'Consent',
        'SupportMeeting',
        'SupportMeetingMember',
        'SupportMeetingCase',
        'Place',
        'Programme',
        'ProgrammeSession',
        'Attendance',
        'Placement',
        'PlacementWorkday',
        'AuditEntry',
      ]),
    );
  });
});
