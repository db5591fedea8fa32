import { readFileSync } from 'node:fs';
import { type GraphQLObjectType, getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from './print-schema.ts';
import { printedSchema, schema } from './schema.ts';

describe('schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @hikikomori-register/gateway schema:print`)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('has a mutation with a userErrors payload for every change', () => {
    const mutations = schema.getMutationType()?.getFields() ?? {};
    expect(Object.keys(mutations).length).toBeGreaterThanOrEqual(40);
    for (const [name, field] of Object.entries(mutations)) {
      const type = getNamedType(field.type) as GraphQLObjectType;
      expect(Object.keys(type.getFields()), name).toContain('userErrors');
      expect(
        field.args.map((a) => a.name),
        name,
      ).toEqual(['input']);
    }
  });

  it('pages every list of records with connections (first/after) and keeps agencies, cases, referrals and the records of a case as nodes', () => {
    const fields = (schema.getType('Case') as GraphQLObjectType).getFields();
    for (const name of [
      'contacts',
      'assessments',
      'plans',
      'referrals',
      'openReferrals',
      'consents',
      'attendance',
      'placements',
    ])
      expect(
        fields[name]?.args.map((a) => a.name),
        name,
      ).toEqual(expect.arrayContaining(['first', 'after']));
    const node = schema.getType('Node');
    expect(
      node &&
        schema
          .getPossibleTypes(node as never)
          .map((t) => t.name)
          .sort(),
    ).toEqual(['Agency', 'Assessment', 'Case', 'Contact', 'Referral', 'SupportPlan']);
  });
});
