import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, MAX_LOGGED_TEXT } from './gateway.ts';
import { harnessWithWorker } from './test-harness.ts';

async function withWorker(options: Parameters<typeof harnessWithWorker>[0] = {}) {
  const { h, worker } = await harnessWithWorker(options);
  const post = (body: string, headers: Record<string, string> = {}) =>
    h.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}`, ...headers },
      body,
    });
  return { h, worker, post };
}

async function refusal(response: Response) {
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, codes: body.errors?.map((e) => e.extensions?.code), body };
}

describe('every error response carries extensions.code', () => {
  it('bad JSON, a missing query and broken variables in a GET URL are BAD_REQUEST (400)', async () => {
    const { h, worker, post } = await withWorker();
    const badJson = await refusal(await post('{bad'));
    expect(badJson).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    // The parser's message quotes the body: it is not passed on.
    expect(JSON.stringify(badJson.body)).not.toContain('{bad');
    expect(await refusal(await post('{}'))).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    const url = `/graphql?query=${encodeURIComponent('{ me { staffId } }')}&variables=%7Bbad`;
    const get = await h.request(url, {
      headers: { authorization: `Bearer ${worker.token}`, [CSRF_HEADER]: '1' },
    });
    expect(await refusal(get)).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
  });

  it('variables that do not coerce (enum, Date, Int) are BAD_USER_INPUT naming the variable', async () => {
    const { post } = await withWorker();
    const contact = {
      caseId: 'x',
      channel: 'PHONE',
      consultingParty: { kind: 'PERSON' },
      contents: [],
      personContact: 'YES',
    };
    for (const [query, variables] of [
      ['query($n: Int) { cases(first: $n) { pageInfo { hasNextPage } } }', { n: 'x' }],
      [
        'query($f: CaseFilter) { cases(first: 1, filter: $f) { pageInfo { hasNextPage } } }',
        { f: { status: 'NOPE' } },
      ],
      [
        'mutation($i: RecordContactInput!) { recordContact(input: $i) { __typename } }',
        { i: { ...contact, occurredOn: '2023-02-30' } },
      ],
    ] as const) {
      const r = await refusal(await post(JSON.stringify({ query, variables })));
      expect(r.status).toBe(400);
      expect(r.codes?.[0]).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message).toMatch(/^Variable "\$\w+"/);
    }
  });

  it('413 is PAYLOAD_TOO_LARGE, 405 is METHOD_NOT_ALLOWED, a missing CSRF header is CSRF_HEADER_REQUIRED', async () => {
    const { h, worker, post } = await withWorker({ gateway: { maxBodyBytes: 1000 } });
    expect(
      await refusal(await post(JSON.stringify({ query: '{ me { staffId } }', pad: 'x'.repeat(2000) }))),
    ).toMatchObject({
      status: 413,
      codes: ['PAYLOAD_TOO_LARGE'],
    });
    const put = await h.request('/graphql', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
      body: '{}',
    });
    expect(await refusal(put)).toMatchObject({ status: 405, codes: ['METHOD_NOT_ALLOWED'] });
    const mutationByGet = await h.request(`/graphql?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { authorization: `Bearer ${worker.token}`, [CSRF_HEADER]: '1' },
    });
    expect(await refusal(mutationByGet)).toMatchObject({ status: 405, codes: ['METHOD_NOT_ALLOWED'] });
    const noCsrf = await h.request(`/graphql?query=${encodeURIComponent('{ me { staffId } }')}`, {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(await refusal(noCsrf)).toMatchObject({ status: 403, codes: ['CSRF_HEADER_REQUIRED'] });
  });
});

describe('the body limit over HTTP', () => {
  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, declared or streamed, and answers one within it', async () => {
    const { worker, post, h } = await withWorker({ transport: 'http', gateway: { maxBodyBytes: 1000 } });
    const within = JSON.stringify({ query: '{ me { staffId } }' });
    const over = JSON.stringify({ query: '{ me { staffId } }', pad: 'x'.repeat(2000) });
    expect(await refusal(await post(over))).toMatchObject({ status: 413, codes: ['PAYLOAD_TOO_LARGE'] });
    // Without Content-Length (chunked), the body is read up to the limit.
    const streamed = (text: string) =>
      h.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
        body: new Blob([text]).stream(),
        duplex: 'half',
      } as RequestInit);
    expect(await refusal(await streamed(over))).toMatchObject({ status: 413, codes: ['PAYLOAD_TOO_LARGE'] });
    const answered = await streamed(within);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { data: unknown }).data).toEqual({
      me: { staffId: worker.account.id },
    });
    expect((await post(within)).status).toBe(200);
  });
});

describe('requests that the HTTP parser refuses', () => {
  it('a GET whose URL is megabytes long (an operation with its variables) gets a typed 431 over HTTP', async () => {
    const { h, worker } = await withWorker({ transport: 'http' });
    const query = 'mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }';
    const variables = { input: { person: { displayName: 'x'.repeat(1_200_000) } } };
    const url = `/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
    expect(url.length).toBeGreaterThan(1_200_000);
    const response = await h.request(url, {
      headers: { accept: 'application/json', [CSRF_HEADER]: '1', authorization: `Bearer ${worker.token}` },
    });
    expect(response.headers.get('connection')).toBe('close');
    expect(await refusal(response)).toMatchObject({ status: 431, codes: ['HEADERS_TOO_LARGE'] });
    // The connection refused is not the gateway: the next request is answered.
    const next = await h.request('/health');
    expect(next.status).toBe(200);
    await h.close();
  });
});

describe('browsers and logs', () => {
  it('answers CORS only for configured origins, and none by default', async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example', 'access-control-request-method': 'POST' },
    };
    const closed = await withWorker();
    const denied = await closed.h.request('/graphql', preflight);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-credentials')).toBeNull();

    const open = await withWorker({ gateway: { corsOrigins: ['https://portal.city.example'] } });
    const other = await open.h.request('/graphql', preflight);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await open.h.request('/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.city.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.city.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const answer = await open.post(JSON.stringify({ query: '{ me { staffId } }' }), {
      origin: 'https://portal.city.example',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://portal.city.example');
  });

  it('marks GraphQL and sign-in answers Cache-Control: no-store', async () => {
    const { h, post } = await withWorker();
    expect((await post(JSON.stringify({ query: '{ me { staffId } }' }))).headers.get('cache-control')).toBe(
      'no-store',
    );
    expect((await post('{bad')).headers.get('cache-control')).toBe('no-store');
    const signIn = await h.request('/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://gateway.test' },
      body: JSON.stringify({ loginId: 'nobody', password: 'wrong' }),
    });
    expect(signIn.headers.get('cache-control')).toBe('no-store');
  });

  it('cuts client-chosen text in log lines', async () => {
    const { h, post } = await withWorker();
    const long = `Op${'x'.repeat(10_000)}`;
    await post(JSON.stringify({ query: `query ${long} { me { staffId } }`, operationName: long }));
    await post(JSON.stringify({ query: `query ${long} { me { staffId } }` }));
    await post(JSON.stringify({ query: '{ me { staffId } }', operationName: { nested: long } }));
    const entries = h.logs.filter((l) => l.msg === 'request');
    expect(entries).toHaveLength(3);
    expect(entries[0]?.operationName).toBe(`${long.slice(0, MAX_LOGGED_TEXT)}…`);
    expect(entries[1]?.operationName).toBe(`${long.slice(0, MAX_LOGGED_TEXT)}…`);
    expect(entries[2]?.operationName).toBeNull();
    expect(JSON.stringify(h.logs).length).toBeLessThan(5_000);
  });

  it('pre-fills GraphiQL with the given token only', async () => {
    const plain = await withWorker({ gateway: { graphiql: true } });
    const page = await (await plain.h.request('/graphql', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('"shouldPersistHeaders":false');
    expect(page).not.toContain('"headers":"{\\"Authorization');
    const demo = await withWorker({ gateway: { graphiql: true, graphiqlToken: 'hkr_demo-token' } });
    const demoPage = await (await demo.h.request('/graphql', { headers: { accept: 'text/html' } })).text();
    expect(demoPage).toContain('"headers":"{\\"Authorization\\":\\"Bearer hkr_demo-token\\"}"');
  });
});
