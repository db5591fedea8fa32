import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '@hikikomori-register/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin } from './bootstrap.ts';
import { CSRF_HEADER, isIntrospectionOnly, shutdownGracefully } from './gateway.ts';
import { harnessWithWorker } from './test-harness.ts';

const withAdmin = harnessWithWorker;

describe('authentication', () => {
  it('answers 401 without a token, with a bad token and with a revoked one', async () => {
    const { h, worker } = await withAdmin();
    const none = await h.gql(null, '{ me { staffId } }');
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.gql('hkr_not-a-real-token', '{ me { staffId } }')).status).toBe(401);
    expect((await h.gql(`hkr_${'x'.repeat(43)}`, '{ me { staffId } }')).status).toBe(401);
    const good = await h.gql<{ me: { staffId: string } }>(worker.token, '{ me { staffId } }');
    expect(good.data?.me.staffId).toBe(worker.account.id);
    const [info] = await h.staff.listTokens(worker.account.id);
    await h.staff.revokeToken(info?.id ?? '');
    expect((await h.gql(worker.token, '{ me { staffId } }')).status).toBe(401);
  });

  it('sends WWW-Authenticate on 401 and lets introspection through without a token', async () => {
    const { h } = await withAdmin();
    const response = await h.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cases { edges { node { id } } } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const intro = await h.gql<{ __schema: { queryType: { name: string } } }>(
      null,
      '{ __schema { queryType { name } } }',
    );
    expect(intro.data?.__schema.queryType.name).toBe('Query');
    expect(isIntrospectionOnly('{ __typename me { staffId } }')).toBe(false);
    expect(
      isIntrospectionOnly('query A { __schema { types { name } } } query B { me { staffId } }', 'B'),
    ).toBe(false);
    expect(isIntrospectionOnly('mutation { __typename }')).toBe(false);
  });

  it('tells a fragment bomb from introspection without walking every spread', () => {
    // 40 fragments each spreading the next twice: 2^40 spreads if every one were walked.
    const bomb = (last: string) =>
      `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { ${last} }`;
    expect(isIntrospectionOnly(bomb('__typename'), null, 10_000)).toBe(true);
    expect(isIntrospectionOnly(bomb('me { staffId }'), null, 10_000)).toBe(false);
    expect(isIntrospectionOnly('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).toBe(
      false,
    );
  });

  it('bootstraps the first admin once only, and the admin token works', async () => {
    const { h, boot } = await withAdmin();
    expect(boot.token).toMatch(/^hkr_/);
    const me = await h.gql<{ me: { role: string } }>(boot.token, '{ me { role } }');
    expect(me.data?.me.role).toBe('AGENCY_ADMIN');
    await expect(
      bootstrapFirstAdmin({
        register: h.register,
        staff: h.staff,
        agency: { kind: 'helloWork', name: 'Second', municipalityCode: '242012' },
        adminName: 'X',
      }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe('HTTP surface', () => {
  it('serves /health and /ready, 503 when the readiness check fails without telling why', async () => {
    let healthy = true;
    const { h } = await withAdmin({
      gateway: {
        readiness: async () => {
          if (!healthy) throw new Error('database at 10.0.0.5 refused');
        },
      },
    });
    expect((await h.gateway.fetch('http://gateway.test/health')).status).toBe(200);
    expect((await h.gateway.fetch('http://gateway.test/ready')).status).toBe(200);
    healthy = false;
    const down = await h.gateway.fetch('http://gateway.test/ready');
    expect(down.status).toBe(503);
    expect(await down.text()).not.toContain('10.0.0.5');
  });

  it('refuses deep and costly queries in validation', async () => {
    const { h, worker } = await withAdmin();
    const deep = await h.gql(
      worker.token,
      `{ cases(first: 1) { edges { node { referrals(first: 1) { edges { node { case { referrals(first: 1) { edges { node { case { referrals(first: 1) { edges { node { id } } } } } } } } } } } } } } }`,
    );
    expect(deep.errors?.map((e) => e.extensions?.code)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    const costly = await h.gql(
      worker.token,
      `{ cases(first: 100) { edges { node { contacts(first: 100) { edges { node { id channel occurredOn } } } } } } }`,
    );
    expect(costly.errors?.map((e) => e.extensions?.code)).toContain('COST_LIMIT_EXCEEDED');
    const fine = await h.gql(
      worker.token,
      `{ cases(first: 100) { edges { node { id stage person { displayName } lastContact { occurredOn } } } } }`,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('answers 413 for bodies over 1 MB, declared or streamed', async () => {
    const { h, worker } = await withAdmin();
    const big = JSON.stringify({ query: '{ me { staffId } }', variables: { pad: 'x'.repeat(1_100_000) } });
    const declared = await h.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
      body: big,
    });
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const streamed = await h.gateway.fetch(
      new Request('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    const small = new TextEncoder().encode(JSON.stringify({ query: '{ me { staffId } }' }));
    const streamedSmall = await h.gateway.fetch(
      new Request('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(small);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamedSmall.status).toBe(200);
    expect(await streamedSmall.json()).toEqual({ data: { me: { staffId: worker.account.id } } });
  });

  it('requires the CSRF header on GET requests', async () => {
    const { h, worker } = await withAdmin();
    const url = `http://gateway.test/graphql?query=${encodeURIComponent('{ me { staffId } }')}`;
    const auth = { authorization: `Bearer ${worker.token}` };
    expect((await h.gateway.fetch(url, { headers: auth })).status).toBe(403);
    const allowed = await h.gateway.fetch(url, { headers: { ...auth, [CSRF_HEADER]: '1' } });
    expect(allowed.status).toBe(200);
  });

  it('serves the indicators CSV with a BOM, as an attachment, formula-safe, behind the bearer token', async () => {
    const { h, worker } = await withAdmin({ today: '2024-04-02' });
    const path = '/indicators.csv?fiscalYear=2023&kind=fiscalYear&scope=agency&publishing=false';
    expect((await h.gateway.fetch(`http://gateway.test${path}`)).status).toBe(401);
    const response = await h.gateway.fetch(`http://gateway.test${path}`, {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="indicators-2023-fiscalYear-agency\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('令和5年度');
    for (const line of text.split('\r\n'))
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
    const beyond = await h.gateway.fetch('http://gateway.test/indicators.csv?fiscalYear=2023&scope=all', {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(beyond.status).toBe(400);
  });

  it('logs one JSON entry per request with operation and actor, never the token or variables', async () => {
    const { h, worker } = await withAdmin();
    await h.gql(worker.token, 'query Mine($secret: String) { me { staffId } }', { secret: '本人の病名' });
    const entry = h.logs.find((l) => l.operationName === 'Mine');
    expect(entry).toMatchObject({
      msg: 'request',
      status: 200,
      staffId: worker.account.id,
      path: '/graphql',
    });
    expect(typeof entry?.durationMs).toBe('number');
    const all = JSON.stringify(h.logs);
    expect(all).not.toContain(worker.token);
    expect(all).not.toContain('本人の病名');
  });

  it('masks unexpected errors', async () => {
    const { h, worker } = await withAdmin();
    const broken = h.register.agencies.list;
    h.register.agencies.list = async () => {
      throw new Error('connection string postgres://user:pw@db');
    };
    const r = await h.gql(worker.token, '{ agencies { edges { node { id } } } }');
    h.register.agencies.list = broken;
    expect(JSON.stringify(r)).not.toContain('postgres://');
    expect(r.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(h.logs)).not.toContain('postgres://');
  });

  it('answers an uncoded error of a field’s execution as the gateway’s fault: masked, coded, logged', async () => {
    const { h, worker } = await withAdmin();
    const areas = h.register.indicators.areas;
    const list = h.register.agencies.list;
    // graphql-js's own: a list field whose value is no list.
    h.register.indicators.areas = async () => [
      { id: 'a', prefectureCode: '24', name: '北勢', municipalityCodes: { secret: 1 } as never, version: 1 },
    ];
    const notAList = await h.gql(worker.token, '{ areas { name municipalityCodes } }');
    // A resolver's GraphQLError without a code.
    h.register.agencies.list = async () => {
      throw new GraphQLError('connection string postgres://user:secret@db');
    };
    const thrown = await h.gql(worker.token, '{ agencies { edges { node { name } } } }');
    h.register.indicators.areas = areas;
    h.register.agencies.list = list;

    for (const [r, path] of [
      [notAList, ['areas', 0, 'municipalityCodes']],
      [thrown, ['agencies']],
    ] as const) {
      expect(r.status).toBe(200);
      expect(r.errors).toEqual([
        expect.objectContaining({
          message: 'Unexpected error.',
          path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      expect(h.logs).toContainEqual(
        expect.objectContaining({ level: 'error', event: 'graphql.field_failed', path: path.join('.') }),
      );
    }
    expect(JSON.stringify([notAList, thrown, h.logs])).not.toContain('secret');
  });

  it('answers node(id) with an error, not with no node, when the read fails for another reason than a refusal', async () => {
    const { h, boot, worker } = await withAdmin();
    const id = Buffer.from(`Agency:${boot.agency.id}`).toString('base64');
    const query = 'query($id: ID!) { node(id: $id) { id } }';
    expect((await h.gql(worker.token, query, { id })).data).toEqual({ node: { id } });
    const invitation = h.register.agencies.invitation;
    const invitationId = Buffer.from('AgencyInvitation:some-invitation').toString('base64');
    h.register.agencies.invitation = async () => {
      throw new Error('connection refused');
    };
    const failed = await h.gql(worker.token, query, { id: invitationId });
    h.register.agencies.invitation = invitation;
    expect(failed.data).toEqual({ node: null });
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    // A refusal is no node, with no error: the actor learns nothing of what exists.
    const refused = await h.gql(worker.token, query, { id: invitationId });
    expect(refused.errors).toBeUndefined();
    expect(refused.data).toEqual({ node: null });
  });

  it('renders GraphiQL with the example caseload query when enabled', async () => {
    const { h } = await withAdmin({ gateway: { graphiql: true } });
    const page = await h.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Caseload');
    // Offline: every script, style, worker and icon is in the page; nothing is fetched from a CDN.
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
    expect(html).not.toContain('unpkg.com');
    expect(html).not.toContain('githubusercontent');
  });

  it('renders GraphiQL once: the same bytes again, and 304 for its ETag', async () => {
    const { h } = await withAdmin({ gateway: { graphiql: true } });
    const ask = (headers: Record<string, string> = {}) =>
      h.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', ...headers } });
    const first = await ask();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const html = await first.text();
    expect(html.length).toBeGreaterThan(1_000_000);
    const second = await ask();
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(html);
    const again = await ask({ 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('compiled operations', () => {
  it('answer a repeated operation as its first, interpreted run did: data, errors, codes and status', async () => {
    const { h, worker } = await withAdmin();
    const actor = { staffId: worker.account.id, agencyId: worker.account.agencyId, role: 'staff' as const };
    for (const [name, kana] of [
      ['架空 一郎', 'かくう いちろう'],
      ['試験 花子', 'しけん はなこ'],
    ] as const)
      await h.register.cases.open(actor, {
        person: { displayName: name, kana, municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-04-01', note: '受付' },
      });
    const operations: [string, Record<string, unknown>][] = [
      [
        'query Page($first: Int!) { me { role } cases(first: $first) { edges { node { id stage } } } }',
        { first: 5 },
      ],
      // Variables that do not coerce, and one missing.
      ['query Words($first: Int!) { cases(first: $first) { edges { node { id } } } }', { first: 'five' }],
      ['query Missing($first: Int!) { cases(first: $first) { edges { node { id } } } }', {}],
      // Refused by the schema's own rules while executing (a connection's page size).
      ['query TooMany($first: Int!) { cases(first: $first) { edges { node { id } } } }', { first: 1000 }],
      // A node that does not exist (or may not be seen).
      ['query One($id: ID!) { node(id: $id) { id } }', { id: 'Q2FzZTpub3Bl' }],
    ];
    // Each document is new here: its first answer is interpreted, the later ones compiled.
    for (const [query, variables] of operations) {
      const answers: unknown[] = [];
      for (let run = 0; run < 3; run++) answers.push(await h.gql(worker.token, query, variables));
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      if (query === operations[0]?.[0])
        expect((answers[0] as { data: { cases: { edges: unknown[] } } }).data.cases.edges).toHaveLength(2);
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then closes the database', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { h } = await withAdmin({ gateway: { readiness: () => gate } });
    const server = createServer(h.gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const events: string[] = [];
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/ready' }, (res) => {
        res.resume();
        res.on('end', () => {
          events.push('response');
          resolve(res.statusCode ?? 0);
        });
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    const closing = shutdownGracefully(server, {
      onClose: () => {
        events.push('db closed');
      },
    });
    setTimeout(release, 100);
    expect(await inFlight).toBe(200);
    await closing;
    expect(events).toEqual(['response', 'db closed']);
    expect(server.listening).toBe(false);
  });
});
