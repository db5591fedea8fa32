import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseloadDocument,
  createRegisterClient,
  GraphQLResponseError,
  isReadOnlyDocument,
  MeDocument,
  NetworkError,
  OpenCaseDocument,
  type OpenCaseInput,
  RequestError,
} from './index.ts';
import { localIdOf, startTestGateway, type TestGateway } from './test-support/gateway.ts';

let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  const admin = createRegisterClient({ url: gateway.url, token: gateway.adminToken });
  const centre = (await admin.me()).agency;
  if (!centre) throw new Error('the admin has no agency');
  token = await gateway.staffToken(localIdOf(centre.id));
});

afterAll(async () => {
  await gateway?.close();
});

const intake = (displayName: string): OpenCaseInput => ({
  person: { displayName, municipalityCode: '242012' },
  case: { municipalityCode: '242012', openedOn: '2023-04-03' },
});

/** A fetch that counts calls and lets a test decide what each call does, by its number. */
function scriptedFetch(script: (call: number, forward: () => Promise<Response>) => Promise<Response>) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    calls.push(String(init?.body ?? input));
    return script(calls.length, () => fetch(input, init));
  };
  return { calls, fetch: fetchImpl };
}

const connectionReset = () =>
  Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('network failures and retries, against a real gateway', () => {
  it('throws NetworkError when nothing listens, after retrying the read', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const counting = scriptedFetch((_, forward) => forward());
    const client = createRegisterClient({ url, token, fetch: counting.fetch, retries: 2, retryDelayMs: 1 });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: undefined, message: expect.stringContaining('could not reach') });
    expect(counting.calls).toHaveLength(3);
  });

  it('retries a query after a transient failure and returns its data', async () => {
    const flaky = scriptedFetch((call, forward) => (call === 1 ? connectionReset() : forward()));
    const client = createRegisterClient({ url: gateway.url, token, fetch: flaky.fetch, retryDelayMs: 1 });
    expect((await client.me()).role).toBe('STAFF');
    expect(flaky.calls).toHaveLength(2);
  });

  it('retries a read answered 503 by a proxy', async () => {
    const flaky = scriptedFetch((call, forward) =>
      call === 1 ? Promise.resolve(new Response('<html>busy</html>', { status: 503 })) : forward(),
    );
    const client = createRegisterClient({ url: gateway.url, token, fetch: flaky.fetch, retryDelayMs: 1 });
    const page = await client.caseload({ first: 1 });
    expect(page.pageInfo).toHaveProperty('hasNextPage');
    expect(flaky.calls).toHaveLength(2);
  });

  it('retries the CSV download, which is a GET', async () => {
    const flaky = scriptedFetch((call, forward) => (call === 1 ? connectionReset() : forward()));
    const client = createRegisterClient({ url: gateway.url, token, fetch: flaky.fetch, retryDelayMs: 1 });
    const csv = await client.indicatorsCsv({
      period: { fiscalYear: 2023, kind: 'FISCAL_YEAR' },
      scope: { kind: 'AGENCY' },
      publishing: false,
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(flaky.calls).toHaveLength(2);
  });

  it('never retries a mutation: an answer lost after the gateway applied it is not sent again', async () => {
    // The request reaches the gateway and is applied; the connection drops before the answer arrives.
    const lossy = scriptedFetch(async (call, forward) => {
      const response = await forward();
      if (call === 1) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return response;
    });
    const client = createRegisterClient({ url: gateway.url, token, fetch: lossy.fetch, retryDelayMs: 1 });
    const error = await client.openCase(intake('架空 一度だけ')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(lossy.calls).toHaveLength(1);

    const reader = createRegisterClient({ url: gateway.url, token });
    const named: string[] = [];
    for await (const c of reader.caseloadAll())
      if (c.person?.displayName === '架空 一度だけ') named.push(c.id);
    expect(named).toHaveLength(1);
  });

  it('never retries a mutation answered 503, nor one sent through request', async () => {
    const busy = scriptedFetch(() => Promise.resolve(new Response('busy', { status: 503 })));
    const client = createRegisterClient({ url: gateway.url, token, fetch: busy.fetch, retryDelayMs: 1 });
    const contact = client.recordContact({
      caseId: 'Q2FzZTpub25l',
      occurredOn: '2023-04-20',
      channel: 'PHONE',
      consultingParty: { kind: 'PERSON' },
      personContact: 'REACHED',
      contents: ['RELATIONSHIP_BUILDING'],
    });
    await expect(contact).rejects.toMatchObject({ name: 'NetworkError', status: 503 });
    expect(busy.calls).toHaveLength(1);
    await expect(client.request(OpenCaseDocument, { input: intake('x') })).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(busy.calls).toHaveLength(2);
    // The same client retries reads sent through request.
    await expect(client.request(CaseloadDocument, {})).rejects.toBeInstanceOf(NetworkError);
    expect(busy.calls).toHaveLength(5);
  });

  it('gives up on an attempt after timeoutMs', async () => {
    const hanging = scriptedFetch(
      () =>
        new Promise<Response>(() => {
          // Never answers; the timeout's abort is what ends the attempt.
        }),
    );
    const abortable: typeof fetch = (input, init) =>
      Promise.race([
        hanging.fetch(input, init),
        new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      ]);
    const client = createRegisterClient({
      url: gateway.url,
      token,
      fetch: abortable,
      timeoutMs: 20,
      retries: 1,
      retryDelayMs: 1,
    });
    await expect(client.me()).rejects.toBeInstanceOf(NetworkError);
    expect(hanging.calls).toHaveLength(2);
  });
});

describe('answers that are not data', () => {
  it('sends the bearer token and the CSRF header the gateway asks for', async () => {
    let seen: Headers | undefined;
    const client = createRegisterClient({
      url: gateway.url,
      token,
      fetch: (input, init) => {
        seen = new Headers(init?.headers);
        return fetch(input, init);
      },
    });
    await client.request(MeDocument);
    expect(seen?.get('authorization')).toBe(`Bearer ${token}`);
    expect(seen?.get('x-graphql-yoga-csrf')).toBeTruthy();
  });

  it('without a token sends no Authorization header: a console page signs in with its session cookie', async () => {
    const staff = gateway.server.staff;
    const account = await staff.createStaff({
      agencyId: gateway.agency.id,
      displayName: '架空 相談員',
      role: 'staff',
      loginId: 'kakuu.client',
    });
    await staff.setPassword(account.id, 'correct horse battery', { temporary: false });
    const session = await staff.signIn('kakuu.client', 'correct horse battery');
    let seen: Headers | undefined;
    // What a browser does on its own: the session cookie goes with every same-origin request.
    const client = createRegisterClient({
      url: gateway.url,
      fetch: (input, init) => {
        seen = new Headers(init?.headers);
        seen.set('cookie', `hkr_session=${session?.token}`);
        return fetch(input, { ...init, headers: seen });
      },
    });
    expect((await client.me()).staffId).toBe(account.id);
    expect(seen?.has('authorization')).toBe(false);
  });

  it('throws GraphQLResponseError for an operation the schema rejects', async () => {
    const client = createRegisterClient({ url: gateway.url, token });
    const invalid = { toString: () => '{ nosuchfield }' } as typeof MeDocument;
    const error = await client.request(invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLResponseError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('nosuchfield') });
  });

  it('throws RequestError for a URL that does not answer GraphQL', async () => {
    const client = createRegisterClient({ url: gateway.url.replace('/graphql', '/health'), token });
    await expect(client.me()).rejects.toBeInstanceOf(RequestError);
  });
});

describe('isReadOnlyDocument', () => {
  it('tells queries from mutations and subscriptions by their top-level keyword', () => {
    expect(isReadOnlyDocument(MeDocument.toString())).toBe(true);
    expect(isReadOnlyDocument(CaseloadDocument.toString())).toBe(true);
    expect(isReadOnlyDocument('{ me { staffId } }')).toBe(true);
    expect(isReadOnlyDocument(OpenCaseDocument.toString())).toBe(false);
    expect(isReadOnlyDocument('subscription S { changes { id } }')).toBe(false);
    expect(isReadOnlyDocument('fragment F on Case { id }\nmutation M { x { ...F } }')).toBe(false);
  });

  it('ignores the words in comments, strings and selections', () => {
    expect(isReadOnlyDocument('# no mutation here\nquery Q { mutationLog { id } }')).toBe(true);
    expect(isReadOnlyDocument('query Q { search(text: "} mutation {") { id } }')).toBe(true);
  });
});
