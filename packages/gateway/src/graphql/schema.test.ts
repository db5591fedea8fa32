import { readFileSync } from 'node:fs';
import { type GraphQLInterfaceType, type GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NODE_TYPENAMES } from './ids.ts';
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

  it('pages every list of records with connections (first/after)', () => {
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
  });

  it('makes every object type with an `id: ID!` a Node, but for the parts of a record listed here', () => {
    /** Not entities of their own: each is identified only inside the record it belongs to. */
    const notNodes: Record<string, string> = {
      HouseholdMember: 'a member of a person’s household; its id is unique within the household only',
      PlanGoal: 'a goal of a support plan, changed through the plan (addGoal/updateGoal take the plan id)',
      ChecklistDomain: 'a domain of one checklist version, part of its definition',
      ChecklistItem: 'an item of one checklist version, part of its definition',
    };
    const node = schema.getType('Node') as GraphQLInterfaceType;
    const withId = Object.values(schema.getTypeMap()).filter(
      (t): t is GraphQLObjectType =>
        isObjectType(t) && !t.name.startsWith('__') && String(t.getFields().id?.type) === 'ID!',
    );
    const missing = withId
      .filter((t) => !t.getInterfaces().includes(node) && !(t.name in notNodes))
      .map((t) => t.name);
    expect(missing).toEqual([]);
    // The list stays honest: every type on it exists, has an id and is no node.
    for (const name of Object.keys(notNodes)) {
      const type = schema.getType(name);
      expect(isObjectType(type) && String(type.getFields().id?.type), name).toBe('ID!');
      expect((type as GraphQLObjectType).getInterfaces(), name).not.toContain(node);
    }
    expect(withId.length).toBeGreaterThan(25);
    expect(
      schema
        .getPossibleTypes(node)
        .map((t) => t.name)
        .sort(),
    ).toEqual([...NODE_TYPENAMES].sort());
  });
});
