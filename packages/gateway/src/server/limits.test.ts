import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../graphql/schema.ts';
import { ANONYMOUS_LIMITS, checkQueryLimits, DEFAULT_LIMITS, parseWithLimits } from './limits.ts';
import { harnessWithWorker } from './test-harness.ts';

const codes = (query: string, limits = DEFAULT_LIMITS) =>
  checkQueryLimits(schema, parse(query), limits).map((e) => e.extensions.code);

const withWorker = harnessWithWorker;

const aliased = (n: number, field = 'me { staffId }') =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const nested = (levels: number) => `{ ${'me { agency { '.repeat(levels)} id ${'} } '.repeat(levels)} }`;

describe('query limits', () => {
  it('let the standard introspection query through, with and without a token', () => {
    expect(codes(getIntrospectionQuery())).toEqual([]);
    expect(
      codes(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), ANONYMOUS_LIMITS),
    ).toEqual([]);
  });

  it('count introspection fields in depth, cost and the number of __schema/__type fields', () => {
    const ofTypes = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;
    expect(codes(`{ __schema { types { fields { type { ${ofTypes(10)} } } } } }`)).toEqual([]);
    expect(codes(`{ __schema { types { fields { type { ${ofTypes(11)} } } } } }`)).toEqual([
      'DEPTH_LIMIT_EXCEEDED',
    ]);
    expect(codes('{ __schema { queryType { name } } __type(name: "Case") { name } }')).toEqual([
      'INTROSPECTION_LIMIT_EXCEEDED',
    ]);
    const wide = `{ __schema { types { ${Array.from({ length: 500 }, () => 'name').join(' ')} } } }`;
    expect(codes(wide, ANONYMOUS_LIMITS)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes(wide)).toEqual([]);
  });

  it('count aliases, also through fragments, and refuse more than the limit', () => {
    expect(codes(aliased(DEFAULT_LIMITS.maxAliases))).toEqual([]);
    expect(codes(aliased(DEFAULT_LIMITS.maxAliases + 1))).toEqual(['ALIAS_LIMIT_EXCEEDED']);
    const viaFragments = `{ ...F ...G } fragment F on Query { ${aliased(20).slice(1, -1)} } fragment G on Query { ${aliased(
      20,
    )
      .slice(1, -1)
      .replaceAll('a', 'b')} }`;
    expect(codes(viaFragments)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
  });

  it('refuse a fragment spread exponentially without walking it in full', () => {
    const bomb = `{ ...F0 } ${Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F60 on Query { me { staffId } }`;
    expect(codes(bomb)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('count fragment spreads as expanded from one pass, refusing a wide fan-out and letting a smaller one be', () => {
    const fanOut = (width: number) =>
      `{ ...F0 } fragment F0 on Query { ${'...F1 '.repeat(width)} } fragment F1 on Query { ${'...F2 '.repeat(width)} } fragment F2 on Query { __typename }`;
    expect(codes(fanOut(200))).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes(fanOut(100))).toEqual([]);
    // A fragment spreading itself adds nothing: the standard rules name the cycle.
    expect(codes('{ ...A } fragment A on Query { ...A me { staffId } }')).toEqual([]);
  });

  it('refuse a document longer than the length limit before parsing it', () => {
    const long = `${'#'.repeat(DEFAULT_LIMITS.maxQueryLength)}\n{ __typename }`;
    expect(() => parseWithLimits(long)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_LENGTH_LIMIT_EXCEEDED' }),
      }),
    );
    const short = `${'#'.repeat(DEFAULT_LIMITS.maxQueryLength - 20)}\n{ __typename }`;
    expect(parseWithLimits(short).definitions).toHaveLength(1);
  });

  it('refuse argument values nested deeper than the depth limit', () => {
    expect(codes(`{ node(id: ${'['.repeat(13)}"x"${']'.repeat(13)}) { id } }`)).toEqual([
      'DEPTH_LIMIT_EXCEEDED',
    ]);
  });

  it('stop the parser at the token limit and turn a parser stack overflow into a typed error', () => {
    expect(() => parseWithLimits(aliased(2000))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOKEN_LIMIT_EXCEEDED' }) }),
    );
    expect(() =>
      parseWithLimits(`{ a(x: ${'['.repeat(100_000)}) }`, {
        ...DEFAULT_LIMITS,
        maxTokens: 200_000,
        maxQueryLength: 1_000_000,
      }),
    ).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'DEPTH_LIMIT_EXCEEDED' }) }),
    );
  });
});

describe('query limits at the gateway', () => {
  it('answer a typed 400 for 5000 levels of nesting, of fields or of values, never a 5xx', async () => {
    const { h, worker } = await withWorker();
    for (const query of [nested(5000), `{ node(id: ${'['.repeat(5000)}${']'.repeat(5000)}) { id } }`]) {
      const r = await h.gql(worker.token, query);
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.extensions?.code).toMatch(/^(DEPTH|TOKEN)_LIMIT_EXCEEDED$/);
    }
    const deepFields = await h.gql(worker.token, nested(7));
    expect(deepFields.status).toBe(400);
    expect(deepFields.errors?.map((e) => e.extensions?.code)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
  });

  it('answer a typed 400 for a document over the length limit, and a 401 without a token', async () => {
    const { h, worker } = await withWorker();
    const padded = (length: number) => `${'#'.repeat(length)}\n{ __typename }`;
    const long = await h.gql(worker.token, padded(DEFAULT_LIMITS.maxQueryLength));
    expect(long.status).toBe(400);
    expect(long.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LENGTH_LIMIT_EXCEEDED']);
    expect((await h.gql(worker.token, padded(20_000))).data).toEqual({ __typename: 'Query' });
    // Without a token the anonymous limit (10 000) applies: not read, so not allowed.
    const anonymous = await h.gql(null, padded(ANONYMOUS_LIMITS.maxQueryLength));
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(null, padded(1_000))).data).toEqual({ __typename: 'Query' });
  });

  it('refuse 3000 aliased case reads before running any, so none is audited', async () => {
    const { h, worker } = await withWorker();
    const before = (await h.gql<{ me: { staffId: string } }>(worker.token, '{ me { staffId } }')).data;
    expect(before?.me.staffId).toBe(worker.account.id);
    // 3000 of them are longer than a document may be; 1000 have more tokens than it may have.
    const r = await h.gql(worker.token, aliased(3000, 'case(id: "Q2FzZTox") { id }'));
    expect(r.status).toBe(400);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LENGTH_LIMIT_EXCEEDED']);
    const many = await h.gql(worker.token, aliased(1000, 'case(id: "Q2FzZTox") { id }'));
    expect(many.status).toBe(400);
    expect(many.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
    const fewer = await h.gql(worker.token, aliased(200, 'case(id: "Q2FzZTox") { id }'));
    expect(fewer.errors?.map((e) => e.extensions?.code)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
  });

  it('give a request without a token one introspection with no aliases, and none when turned off', async () => {
    const { h } = await withWorker();
    const full = await h.gql<{ __schema: { types: unknown[] } }>(null, getIntrospectionQuery());
    expect(full.data?.__schema.types.length).toBeGreaterThan(50);
    const twice = await h.gql(null, aliased(2, '__schema { queryType { name } }'));
    expect(twice.status).toBe(400);
    expect(twice.errors?.map((e) => e.extensions?.code)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
    const both = await h.gql(null, '{ __schema { queryType { name } } __type(name: "Case") { name } }');
    expect(both.errors?.map((e) => e.extensions?.code)).toEqual(['INTROSPECTION_LIMIT_EXCEEDED']);
    const many = await h.gql(null, aliased(2000, '__schema { types { name } }'));
    expect(many.status).toBe(401);

    const closed = await withWorker({ gateway: { anonymousIntrospection: false } });
    const refused = await closed.h.gql(null, '{ __schema { queryType { name } } }');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const withToken = await closed.h.gql<{ __schema: { queryType: { name: string } } }>(
      closed.worker.token,
      '{ __schema { queryType { name } } }',
    );
    expect(withToken.data?.__schema.queryType.name).toBe('Query');
  });

  it('keep the staff limits and the anonymous limits apart in the validation cache', async () => {
    const { h, worker } = await withWorker();
    const query = `{ __schema { types { ${Array.from({ length: 500 }, () => 'name').join(' ')} } } }`;
    expect((await h.gql(worker.token, query)).errors).toBeUndefined();
    expect((await h.gql(null, query)).errors?.map((e) => e.extensions?.code)).toEqual([
      'COST_LIMIT_EXCEEDED',
    ]);
    expect((await h.gql(worker.token, query)).errors).toBeUndefined();
    // A document once within the staff limits is still measured against the anonymous ones.
    expect((await h.gql(null, query)).errors?.map((e) => e.extensions?.code)).toEqual([
      'COST_LIMIT_EXCEEDED',
    ]);
  });
});
