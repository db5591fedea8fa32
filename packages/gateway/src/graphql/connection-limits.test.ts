import { MAX_PAGE_SIZE } from '@hikikomori-register/core';
import { GraphQLError, type GraphQLField, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { harnessWithWorker } from '../server/test-harness.ts';
import { checkConnectionArgs } from './connection-limits.ts';
import { schema } from './schema.ts';

/** Arguments out of bounds, each with the code and (for cursors) the field and rule it is refused with. */
const OUT_OF_BOUNDS = [
  [{ first: MAX_PAGE_SIZE + 1 }, { code: 'BAD_USER_INPUT' }],
  [{ first: 0 }, { code: 'BAD_USER_INPUT' }],
  [{ last: -1 }, { code: 'BAD_USER_INPUT' }],
  [{ after: 'x'.repeat(201) }, { code: 'VALIDATION_FAILED', field: 'after', rule: 'too_big' }],
  [{ before: 'x'.repeat(201) }, { code: 'VALIDATION_FAILED', field: 'before', rule: 'too_big' }],
  [{ after: 'a\u0000b' }, { code: 'VALIDATION_FAILED', field: 'after', rule: 'noNulCharacter' }],
  [{ before: '\uD800x' }, { code: 'VALIDATION_FAILED', field: 'before', rule: 'noUnpairedSurrogate' }],
] as const;

/** Every field of the schema that takes the paging arguments, as `Type.field`. */
function connectionFields(): [string, GraphQLField<unknown, unknown>][] {
  const found: [string, GraphQLField<unknown, unknown>][] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()))
      if (field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'after'))
        found.push([`${type.name}.${field.name}`, field]);
  }
  return found;
}

describe('paging limits of every connection', () => {
  it('accepts the bounds themselves and an empty cursor', () => {
    expect(() => checkConnectionArgs({ first: 1, after: 'x'.repeat(200) })).not.toThrow();
    expect(() => checkConnectionArgs({ last: MAX_PAGE_SIZE, before: '' })).not.toThrow();
    expect(() => checkConnectionArgs({})).not.toThrow();
  });

  it('every connection field refuses out-of-bound arguments before its resolver reads anything', async () => {
    const fields = connectionFields();
    // The register's connections: cases, contacts, audit, staff, agencies, conferences, …
    expect(fields.length).toBeGreaterThan(20);
    for (const [where, field] of fields) {
      for (const [args, expected] of OUT_OF_BOUNDS) {
        // No parent, no context: a resolver that ran would fail otherwise, not with these codes.
        let thrown: unknown;
        try {
          await field.resolve?.(undefined, args, undefined, {} as GraphQLResolveInfo);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${where} ${JSON.stringify(args)}`).toBeInstanceOf(GraphQLError);
        expect((thrown as GraphQLError).extensions, `${where} ${JSON.stringify(args)}`).toMatchObject(
          expected,
        );
      }
    }
  });

  it('a list sliced in memory and a list paged by the core refuse alike', async () => {
    const { h, worker } = await harnessWithWorker();
    for (const list of ['agencies', 'cases']) {
      const query = `query($first: Int, $after: String) { ${list}(first: $first, after: $after) { totalCount } }`;
      for (const [variables, expected] of [
        [{ after: 'x'.repeat(201) }, { code: 'VALIDATION_FAILED', field: 'after', rule: 'too_big' }],
        [{ after: 'a\u0000b' }, { code: 'VALIDATION_FAILED', field: 'after', rule: 'noNulCharacter' }],
        [{ first: MAX_PAGE_SIZE + 1 }, { code: 'BAD_USER_INPUT' }],
      ] as const) {
        const result = await h.gql(worker.token, query, variables);
        expect(result.errors?.[0]?.extensions, `${list} ${JSON.stringify(variables)}`).toMatchObject(
          expected,
        );
      }
      const page = await h.gql(worker.token, query, { first: MAX_PAGE_SIZE });
      expect(page.errors, list).toBeUndefined();
    }
  });
});
