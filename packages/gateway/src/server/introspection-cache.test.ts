import { getIntrospectionQuery } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useIntrospectionCache } from './introspection-cache.ts';

function yogaCountingExecutions() {
  let executions = 0;
  let name = 'Ann';
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { hello: String! }\ntype Other { id: ID! }',
      resolvers: { Query: { hello: () => name } },
    }),
    plugins: [
      useIntrospectionCache(),
      // After the cache: runs only when the cache did not answer.
      {
        onExecute: () => {
          executions += 1;
        },
      },
    ],
  });
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown };
  };
  const rename = (to: string) => {
    name = to;
  };
  return { ask, executions: () => executions, rename };
}

describe('introspection answers', () => {
  it('answers the same introspection query from the first answer', async () => {
    const y = yogaCountingExecutions();
    const first = await y.ask(getIntrospectionQuery());
    expect(JSON.stringify(first.data)).toContain('"hello"');
    expect(await y.ask(getIntrospectionQuery())).toEqual(first);
    expect(y.executions()).toBe(1);
  });

  it('keeps answers apart by variables, and never caches a query that reads data', async () => {
    const y = yogaCountingExecutions();
    const byName = 'query($n: String!) { __type(name: $n) { name } }';
    expect((await y.ask(byName, { n: 'Query' })).data).toEqual({ __type: { name: 'Query' } });
    expect((await y.ask(byName, { n: 'Other' })).data).toEqual({ __type: { name: 'Other' } });
    expect((await y.ask(byName, { n: 'Query' })).data).toEqual({ __type: { name: 'Query' } });
    expect(y.executions()).toBe(2);
    expect((await y.ask('{ __typename hello }')).data).toEqual({ __typename: 'Query', hello: 'Ann' });
    y.rename('Bo');
    expect((await y.ask('{ __typename hello }')).data).toEqual({ __typename: 'Query', hello: 'Bo' });
    expect(y.executions()).toBe(4);
  });

  it('keeps the answers of a few recent documents only, so varied documents cannot grow memory', async () => {
    const y = yogaCountingExecutions();
    const variant = (i: number) => `query V${i} { __schema { queryType { name } } }`;
    for (let i = 0; i < 40; i += 1) await y.ask(variant(i));
    expect(y.executions()).toBe(40);
    // The most recent documents are still answered from memory…
    await y.ask(variant(39));
    expect(y.executions()).toBe(40);
    // …the earliest were dropped and run again.
    await y.ask(variant(0));
    expect(y.executions()).toBe(41);
  });
});
