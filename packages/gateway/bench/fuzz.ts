// `pnpm --filter @hikikomori-register/gateway bench:fuzz -- [--requests 10000] [--concurrency 8] [--seed 1]`
//
// Robustness of a real started gateway: starts `src/main/start.ts --demo` as a process on a fresh
// SQLite file (as `pnpm start` does), then sends N fuzzed requests — valid operations with mutated
// variables (huge strings, NUL, unpaired surrogates, wrong types, deep objects), mutated query text,
// deep nesting, thousands of aliases, bad and oversized bodies, odd methods, content types and
// headers — while a probe asks /health every 10 ms. Failed credentials come last, since they lock
// the client's address (429) by design. Prints: 5xx (must be 0), error responses without a code (must
// be 0), requests with no complete HTTP answer (must be 0; each shown with fetch's cause, the request's
// shape and its socket), the refusal codes, /health latency p50/p99 and the gateway's memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { getIntrospectionQuery } from 'graphql';
import { cliArgs } from '../src/main/cli-args.ts';
import { CSRF_HEADER, EXAMPLE_CASELOAD_QUERY } from '../src/server/gateway.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    // Writes the gateway's CPU profile (.cpuprofile, for Chrome DevTools) into this folder.
    'cpu-prof': { type: 'string' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
let state = Number(values.seed) >>> 0 || 1;

/** xorshift32: the same seed sends the same requests. */
function random(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x1_0000_0000;
}
const int = (max: number) => Math.floor(random() * max);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
const chance = (p: number) => random() < p;

// ---- the gateway as a process ------------------------------------------------------------------
const require = createRequire(import.meta.url);
const startScript = fileURLToPath(new URL('../src/main/start.ts', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'hkr-fuzz-'));
// The gateway runs in this node process itself (tsx as a loader, no CLI process in between), so
// that its memory and its CPU profile are the gateway's.
const child: ChildProcess = spawn(
  process.execPath,
  [
    '--import',
    pathToFileURL(require.resolve('tsx')).href,
    ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
    startScript,
    '--demo',
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'fuzz.db')}`,
      PORT: '0',
      NODE_ENV: 'development',
      CONSOLE_DIR: '',
      GATEWAY_BENCH_TIMING: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, stopped as a whole.
    detached: true,
  },
);
const stopGateway = (signal: NodeJS.Signals) => {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};
let banner = '';
child.stdout?.on('data', (d) => {
  if (banner.length < 100_000) banner += d;
});
/** The end of what the gateway wrote to stderr, shown if it stops on its own. */
let stderrTail = '';
/** The gateway's lines about connections it closed itself (GATEWAY_BENCH_TIMING), kept whole. */
const serverCloses: string[] = [];
child.stderr?.on('data', (d) => {
  stderrTail = (stderrTail + d).slice(-4000);
  for (const line of String(d).split('\n'))
    if (line.includes('bench.connection_closed_by_server') && serverCloses.length < 200)
      serverCloses.push(line.replace(/^.*?\{/, '{'));
});
await new Promise<void>((resolve, reject) => {
  const timer = setInterval(() => {
    if (banner.includes('Ctrl-C stops it')) {
      clearInterval(timer);
      resolve();
    }
  }, 50);
  child.once('exit', (code) => {
    clearInterval(timer);
    reject(new Error(`the gateway exited with ${code}: ${banner}`));
  });
});
const url = /GraphQL\s+(http:\/\/\S+\/graphql)/.exec(banner)?.[1] ?? '';
const origin = url.replace(/\/graphql$/, '');
const token = /case worker \(staff\):\s+(hkr_\S+)/.exec(banner)?.[1] ?? '';
const adminToken = /agency admin:\s+(hkr_\S+)/.exec(banner)?.[1] ?? '';
// The gateway goes down with this script, however it ends.
process.on('exit', () => stopGateway('SIGKILL'));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
if (!url || !token || !adminToken) throw new Error(`no URL or demo tokens in the banner:\n${banner}`);

// ---- what is sent --------------------------------------------------------------------------------
const KANA = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん';
function weirdString(): string {
  switch (int(12)) {
    case 0:
      return '';
    case 1:
      return 'a\u0000b';
    case 2:
      return `架空${pick(['\uD800', '\uDFFF', '\uDC00\uD800', '\uD83D'])}太郎`;
    case 3:
      return KANA.repeat(Math.ceil((1 + int(chance(0.1) ? 300_000 : 300)) / KANA.length));
    case 4:
      return 'x'.repeat(pick([101, 201, 4001, 10_001, 400_000, 1_200_000]));
    case 5:
      return '𠮷野 🙂 太郎';
    case 6:
      return pick(['0', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}', '242012', '2023-02-30']);
    case 7:
      return '\u202e\u200b\ufeff\r\n\t';
    case 8:
      return pick(['Q2FzZTox', 'Q2FzZTp4', '!!!', 'Q'.repeat(1000), btoa('Case:\u0000')]);
    case 9:
      return `'; DROP TABLE "Case"; --`;
    case 10:
      return String.fromCharCode(...Array.from({ length: 1 + int(200) }, () => int(0x10000)));
    default:
      return '架空 太郎';
  }
}

function deepValue(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = chance(0.5) ? [value] : { a: value };
  return value;
}

function weirdValue(): unknown {
  switch (int(9)) {
    case 0:
      return weirdString();
    case 1:
      return pick([0, -1, 2 ** 31, 2 ** 53 + 1, 1.5, -0, 1e308]);
    case 2:
      return pick([true, false, null]);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return deepValue(1 + int(pick([10, 100, 3000])));
    case 6:
      return Array.from({ length: int(2000) }, () => pick(['', 'a', '\u0000', '架空', '\uD800']));
    case 7:
      return pick(['ACTIVE', 'NOPE', 'PHONE', 'active', '']);
    default:
      return '2023-06-01';
  }
}

interface Operation {
  /** Names the operation in the per-kind table. */
  readonly label: string;
  readonly query: string;
  readonly variables: () => Record<string, unknown>;
  readonly anonymous?: boolean;
}
const person = () => ({
  displayName: chance(0.5) ? weirdString() : '架空 花子',
  kana: chance(0.3) ? weirdString() : null,
  municipalityCode: chance(0.8) ? '242012' : weirdString(),
  birthYear: chance(0.8) ? 1990 : weirdValue(),
});
const OPERATIONS: readonly Operation[] = [
  { label: 'me', query: '{ me { staffId role displayName agency { name } } }', variables: () => ({}) },
  {
    label: 'caseload',
    query: EXAMPLE_CASELOAD_QUERY,
    variables: () => ({ after: chance(0.5) ? weirdValue() : null }),
  },
  {
    label: 'cases-by-name',
    query:
      'query($name: String!) { cases(first: 5, filter: { personName: $name }) { edges { node { id person { displayName kana } } } } }',
    variables: () => ({ name: weirdString() }),
  },
  {
    label: 'case',
    query: 'query($id: ID!) { case(id: $id) { id stage status { state } person { displayName } } }',
    variables: () => ({ id: weirdString() }),
  },
  {
    label: 'node',
    query: 'query($id: ID!) { node(id: $id) { id } }',
    variables: () => ({ id: weirdValue() }),
  },
  {
    label: 'openCase',
    query: `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { field code rule } } }`,
    variables: () => ({
      input: {
        person: person(),
        case: { municipalityCode: '242012', openedOn: chance(0.8) ? '2023-06-01' : weirdString() },
      },
    }),
  },
  {
    label: 'recordContact',
    query: `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { field code rule } } }`,
    variables: () => ({
      input: {
        caseId: weirdString(),
        channel: pick(['PHONE', 'VISIT', 'NOPE']),
        consultingParty: { kind: pick(['PERSON', 'FAMILY', 'X']) },
        contents: [],
        personContact: pick(['YES', 'NO', 1]),
        occurredOn: chance(0.5) ? '2023-06-01' : weirdValue(),
        note: chance(0.5) ? { text: weirdString(), visibility: 'AGENCY' } : null,
      },
    }),
  },
  { label: 'introspection', query: getIntrospectionQuery(), variables: () => ({}), anonymous: true },
  { label: 'typename', query: '{ __typename }', variables: () => ({}), anonymous: true },
  {
    label: 'redeemInvitation',
    query: `mutation($input: RedeemAgencyInvitationInput!) { redeemAgencyInvitation(input: $input) { token userErrors { code field rule } } }`,
    variables: () => ({ input: { token: weirdString(), agency: { name: weirdString() } } }),
    anonymous: true,
  },
];

const PUNCTUATION = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '@',
  '"',
  '"""',
  '\\',
  '...',
  '#',
  '\u0000',
  ' ',
];
function mutateText(text: string): string {
  let out = text;
  for (let i = 1 + int(5); i > 0; i--) {
    const at = int(out.length + 1);
    switch (int(4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + int(20));
        break;
      case 1:
        out = out.slice(0, at) + pick(PUNCTUATION) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(int(out.length), int(out.length) + 50) + out.slice(at);
        break;
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

function generatedQuery(): { readonly label: string; readonly query: string } {
  switch (int(6)) {
    case 0: {
      const n = pick([20, 200, 5000, 20_000]);
      return { label: 'deep', query: `{ ${'me { agency { '.repeat(n)} id ${'} } '.repeat(n)} }` };
    }
    case 1: {
      const n = pick([31, 500, 2000, 3000]);
      const field = pick(['me { staffId }', 'case(id: "Q2FzZTox") { id }', '__schema { types { name } }']);
      return {
        label: 'aliases',
        query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`,
      };
    }
    case 2:
      return { label: 'deep-list', query: `{ node(id: ${'['.repeat(pick([20, 5000, 50_000]))}) { id } }` };
    case 3:
      return {
        label: 'fragment-bomb',
        query: `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { me { staffId } }`,
      };
    case 4:
      return {
        label: 'nested-pages',
        query: `{ cases(first: ${pick(['100', '-1', '0', '99999999999', '"x"'])}) { edges { node { contacts(first: 100) { edges { node { id } } } } } } }`,
      };
    default:
      return { label: 'text', query: weirdString().slice(0, 5000) };
  }
}

interface Probe {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/graphql+json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/graphql',
];
const ACCEPTS = [
  'application/json',
  'application/graphql-response+json',
  'application/json, multipart/mixed',
  '*/*',
  'text/html',
];

function graphqlBody(): {
  kind: string;
  body: string;
  anonymous: boolean;
  query: string;
  variables: unknown;
} {
  const r = random();
  if (r < 0.55) {
    const op = pick(OPERATIONS);
    const variables = op.variables();
    return {
      kind: `operation:${op.label}`,
      body: '',
      anonymous: Boolean(op.anonymous),
      query: op.query,
      variables,
    };
  }
  if (r < 0.7) {
    const op = pick(OPERATIONS);
    return {
      kind: `mutated-query:${op.label}`,
      body: '',
      anonymous: false,
      query: mutateText(op.query),
      variables: op.variables(),
    };
  }
  const generated = generatedQuery();
  return {
    kind: `generated-query:${generated.label}`,
    body: '',
    anonymous: chance(0.2),
    query: generated.query,
    variables: {},
  };
}

function probe(endPhase: boolean): Probe {
  const r = random();
  const auth = (anonymous: boolean): Record<string, string> => {
    if (endPhase && chance(0.7))
      return pick<Record<string, string>>([
        { authorization: `Bearer hkr_${'x'.repeat(43)}` },
        { authorization: 'Bearer' },
        { authorization: `Basic ${btoa('a:b')}` },
        { cookie: 'hkr_session=hks_nope' },
        { authorization: `Bearer ${token}x` },
      ]);
    if (anonymous || chance(0.05)) return {};
    return { authorization: `Bearer ${chance(0.9) ? token : adminToken}` };
  };
  if (endPhase && r < 0.2)
    return {
      kind: 'sign-in',
      method: 'POST',
      path: '/auth/sign-in',
      headers: { 'content-type': 'application/json', origin },
      body: chance(0.5)
        ? JSON.stringify({ loginId: weirdString(), password: weirdString() })
        : mutateText('{"loginId":"a","password":"b"}'),
    };
  if (r < 0.04) {
    const path = pick([
      '/health',
      '/ready',
      '/nope',
      '/graphql/extra',
      `/indicators.csv?fiscalYear=${pick(['2023', 'x', '99999'])}&kind=${pick(['fiscalYear', 'x'])}&scope=${pick(['agency', 'all', 'x'])}`,
      '/auth/session',
      `/${'%00'.repeat(10)}`,
    ]);
    return { kind: 'other-path', method: pick(['GET', 'POST', 'PUT']), path, headers: auth(false) };
  }
  if (r < 0.1) {
    const method = pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    return {
      kind: `method-${method}`,
      method,
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        origin: pick([origin, 'https://evil.example']),
        ...auth(false),
      },
      ...(method === 'HEAD' || method === 'OPTIONS' ? {} : { body: '{"query":"{ me { staffId } }"}' }),
    };
  }
  const g = graphqlBody();
  if (r < 0.2) {
    // GET with the operation in the URL, variables sometimes broken.
    const params = new URLSearchParams({ query: g.query.slice(0, 6000) });
    if (chance(0.7))
      params.set(
        'variables',
        chance(0.3) ? mutateText(JSON.stringify(g.variables)) : JSON.stringify(g.variables),
      );
    if (chance(0.2)) params.set('extensions', mutateText('{"persistedQuery":{}}'));
    if (chance(0.2)) params.set('operationName', weirdString().slice(0, 2000));
    return {
      kind: `get-${g.kind}`,
      method: 'GET',
      path: `/graphql?${params}`,
      headers: {
        accept: pick(ACCEPTS),
        ...(chance(0.9) ? { [CSRF_HEADER]: '1' } : {}),
        ...auth(g.anonymous),
      },
    };
  }
  const contentType = pick(CONTENT_TYPES);
  let body: string;
  let kind = `post-${g.kind}`;
  const json = {
    query: chance(0.97) ? g.query : weirdValue(),
    variables: chance(0.9) ? g.variables : weirdValue(),
    ...(chance(0.15) ? { operationName: chance(0.5) ? weirdString() : weirdValue() } : {}),
    ...(chance(0.05) ? { extensions: weirdValue() } : {}),
  };
  const b = random();
  if (b < 0.08) {
    kind = 'bad-json';
    body = mutateText(JSON.stringify(json).slice(0, 20_000));
  } else if (b < 0.11) {
    kind = 'json-not-object';
    body = JSON.stringify(pick([[json, json], 'x', 1, null, []]));
  } else if (b < 0.13) {
    kind = 'huge-body';
    body = JSON.stringify({ query: '{ me { staffId } }', variables: { pad: 'x'.repeat(1_100_000) } });
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    body = new URLSearchParams({
      query: String(json.query),
      variables: mutateText(JSON.stringify(json.variables)),
    }).toString();
  } else {
    body = JSON.stringify(json);
  }
  return {
    kind,
    method: 'POST',
    path: '/graphql',
    headers: {
      'content-type': contentType,
      accept: pick(ACCEPTS),
      ...(chance(0.3) ? { [CSRF_HEADER]: '1' } : {}),
      ...(chance(0.1) ? { origin: pick([origin, 'https://evil.example', 'null']) } : {}),
      ...auth(g.anonymous),
    },
    body,
  };
}

// ---- sending and counting --------------------------------------------------------------------------
const statuses = new Map<string, number>();
const codes = new Map<string, number>();
const serverErrors: string[] = [];
/** Answer times per kind of request (ms), to see which input costs the gateway most. */
const latencies = new Map<string, number[]>();
/** The gateway's own main-thread time per kind of request (ms, its Server-Timing `cpu`). */
const cpuTimes = new Map<string, number[]>();
const slowest = new Map<string, number>();
const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
/** The last Server-Timing header seen (its `loop-*` entries cover the whole run). */
let lastServerTiming = '';
const timing = (header: string, name: string) =>
  Number(new RegExp(`(?:^|,\\s*)${name};dur=([\\d.]+)`).exec(header)?.[1] ?? Number.NaN);
let done = 0;
const missingCodes: string[] = [];
let fiveXX = 0;
let withoutCode = 0;
let transportErrors = 0;
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Requests that got no complete HTTP answer: what was sent and why the connection failed. */
const transportFailures: string[] = [];
/** Header values with the token replaced by its length: the report never shows a credential. */
const shownHeaders = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${/^(authorization|cookie)$/i.test(k) ? `<${v.length} chars>` : v.slice(0, 80)}`)
    .join('; ');
/** fetch's own message is "fetch failed"; the reason is its `cause` (undici: code, message, socket). */
function transportFailure(p: Probe, stage: string, error: unknown, sentAt: number): void {
  transportErrors += 1;
  const cause = (error as { cause?: { code?: unknown; message?: unknown; socket?: unknown } }).cause;
  const line = [
    `${p.kind} ${stage}: ${(error as Error).message}`,
    `cause ${String(cause?.code ?? '-')} ${String(cause?.message ?? '-')}`,
    ...(cause?.socket ? [`socket ${JSON.stringify(cause.socket)}`] : []),
    `after ${(performance.now() - sentAt).toFixed(0)} ms, at ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
    `${p.method} URL ${origin.length + p.path.length} chars, body ${p.body?.length ?? 0} chars`,
    `headers ${shownHeaders(p.headers)}`,
  ].join('\n      ');
  if (transportFailures.length < 10) transportFailures.push(line);
}

async function send(p: Probe): Promise<void> {
  const sentAt = performance.now();
  let response: Response;
  try {
    response = await fetch(`${origin}${p.path}`, {
      method: p.method,
      headers: p.headers,
      ...(p.body !== undefined ? { body: p.body } : {}),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    transportFailure(p, 'no answer', error, sentAt);
    return;
  }
  bump(statuses, String(response.status));
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The connection broke while the answer was read: counted with the transport errors.
    transportFailure(p, `status ${response.status}, body cut off`, error, sentAt);
    return;
  }
  const ms = performance.now() - sentAt;
  if (ms > (slowest.get(p.kind) ?? 0)) slowest.set(p.kind, Math.round(ms));
  push(latencies, p.kind, ms);
  const serverTiming = response.headers.get('server-timing');
  if (serverTiming) {
    lastServerTiming = serverTiming;
    push(cpuTimes, p.kind, timing(serverTiming, 'cpu'));
  }
  done += 1;
  if (done % 100 === 0)
    process.stderr.write(
      `  … ${done} answered; slowest: ${[...slowest]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 4)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(
          ', ',
        )}; gateway memory peaks so far: heap ${timing(lastServerTiming, 'mem-heapUsed')} MB, external ${timing(lastServerTiming, 'mem-external')} MB, RSS ${timing(lastServerTiming, 'mem-rss')} MB\n`,
    );
  if (response.status >= 500) {
    fiveXX += 1;
    if (serverErrors.length < 10)
      serverErrors.push(`${p.kind} ${p.method} ${response.status}: ${text.slice(0, 200)}`);
  }
  if (!(response.headers.get('content-type') ?? '').includes('json') || text === '') return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] }).errors;
  const list = Array.isArray(errors)
    ? errors.map((e) => e?.extensions?.code)
    : typeof (body as { error?: unknown }).error === 'string'
      ? [(body as { code?: unknown }).code]
      : [];
  for (const code of list) {
    if (typeof code === 'string') bump(codes, code);
    else {
      withoutCode += 1;
      if (missingCodes.length < 10)
        missingCodes.push(`${p.kind} ${p.method} ${response.status}: ${text.slice(0, 200)}`);
    }
  }
  // User errors in payloads: typed refusals of the domain, counted by rule.
  for (const match of text.matchAll(/"rule":"([A-Za-z_]+)"/g)) bump(codes, `userError:${match[1]}`);
}

const healthLatencies: number[] = [];
let healthFailures = 0;
let fuzzing = true;
/** Set when the gateway stops while requests are still being sent (a crash). */
let exitedWhileFuzzing: string | null = null;
child.on('exit', (code, signal) => {
  if (fuzzing) exitedWhileFuzzing = `code ${code}, signal ${signal}`;
});
// The probe runs on a thread of its own: probed from this thread, /health would also wait for the
// fuzzer's own work (building and reading large documents) and measure the fuzzer, not the gateway.
const probeSource = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    let ok = false;
    let serverTiming = null;
    try {
      const r = await fetch(workerData.url, { signal: AbortSignal.timeout(10000) });
      await r.arrayBuffer();
      serverTiming = r.headers.get('server-timing');
      ok = r.status === 200;
    } catch {}
    parentPort.postMessage({ ms: performance.now() - started, ok, serverTiming });
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  parentPort.close();
})();
`;
const prober = new Worker(probeSource, { eval: true, workerData: { url: `${origin}/health` } });
prober.on('message', (m: { ms: number; ok: boolean; serverTiming: string | null }) => {
  healthLatencies.push(m.ms);
  if (!m.ok) healthFailures += 1;
  if (m.serverTiming) lastServerTiming = m.serverTiming;
});
const healthProbe = new Promise<void>((resolve) => prober.once('exit', () => resolve()));

const peakRss = () => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
};

/** The high-water mark of the gateway's RSS before the first fuzzed request: what starting it took. */
const rssBeforeFuzz = peakRss();
const startedAt = performance.now();
let next = 0;
const endPhaseFrom = Math.floor(total * 0.97);
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      await send(probe(i >= endPhaseFrom));
    }
  }),
);
fuzzing = false;
prober.postMessage('stop');
await healthProbe;
const seconds = (performance.now() - startedAt) / 1000;
const rss = peakRss();
const rssAtEnd = (() => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
})();
const exited = new Promise((resolve) => child.once('exit', resolve));
stopGateway('SIGINT');
await exited;
await rm(dir, { recursive: true, force: true });

const sorted = [...healthLatencies].sort((a, b) => a - b);
const percentile = (values: readonly number[], p: number) =>
  values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? Number.NaN;
const pct = (p: number) => percentile(sorted, p);
/** Per kind: count, answer time p50/p99/max, the gateway's time p50/p99/max and its total. */
const kindTable = () => {
  const f = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1)).padStart(8);
  const rows = [...latencies.entries()].map(([kind, list]) => {
    const l = [...list].sort((a, b) => a - b);
    const c = (cpuTimes.get(kind) ?? []).filter((n) => !Number.isNaN(n)).sort((a, b) => a - b);
    const cpuTotal = c.reduce((a, b) => a + b, 0);
    return {
      kind,
      cpuTotal,
      line: `${f(percentile(l, 50))}${f(percentile(l, 99))}${f(l.at(-1) ?? Number.NaN)}  ${f(percentile(c, 50))}${f(percentile(c, 99))}${f(c.at(-1) ?? Number.NaN)}${f(cpuTotal)}`,
      n: list.length,
    };
  });
  return [
    `    ${'kind'.padEnd(38)}${'n'.padStart(6)}  ${'answer ms: p50'.padStart(14)}${'p99'.padStart(8)}${'max'.padStart(8)}  ${'gateway ms: p50'.padStart(14)}${'p99'.padStart(8)}${'max'.padStart(8)}${'total'.padStart(8)}`,
    ...rows
      .sort((a, b) => b.cpuTotal - a.cpuTotal)
      .map((r) => `    ${r.kind.padEnd(38)}${String(r.n).padStart(6)}  ${r.line}`),
  ].join('\n');
};
const table = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `    ${k.padEnd(34)} ${v}`)
    .join('\n');
console.log(
  [
    `fuzz: ${total} requests (seed ${values.seed}, ${concurrency} in flight) against the gateway on SQLite in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} req/s)`,
    `  5xx responses:                      ${fiveXX}`,
    `  errors without extensions.code:     ${withoutCode}`,
    `  transport failures (no complete answer): ${transportErrors}`,
    `  /health while fuzzing (probed from its own thread): ${sorted.length} probes, p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms, failures ${healthFailures}`,
    `  gateway peak RSS: ${rss.toFixed(0)} MB (${rssBeforeFuzz.toFixed(0)} MB already before the first request; ${rssAtEnd.toFixed(0)} MB at the end)`,
    `  gateway memory peaks while serving (sampled inside it every 100 ms): V8 heap used ${timing(lastServerTiming, 'mem-heapUsed')} MB of ${timing(lastServerTiming, 'mem-heapTotal')} MB, external ${timing(lastServerTiming, 'mem-external')} MB (array buffers ${timing(lastServerTiming, 'mem-arrayBuffers')} MB), RSS ${timing(lastServerTiming, 'mem-rss')} MB`,
    ...(exitedWhileFuzzing ? [`  THE GATEWAY STOPPED DURING THE RUN (${exitedWhileFuzzing})`] : []),
    '  statuses:',
    table(statuses),
    '  refusal codes (errors[].extensions.code, and userError:<rule>):',
    table(codes),
    `  gateway event-loop delay over the run: p50 ${timing(lastServerTiming, 'loop-p50')} ms, p99 ${timing(lastServerTiming, 'loop-p99')} ms, max ${timing(lastServerTiming, 'loop-max')} ms`,
    '  requests by kind (answer time as the fuzz saw it; gateway time: main-thread ms spent on the request):',
    kindTable(),
    ...(transportFailures.length
      ? ['  first transport failures:', ...transportFailures.map((s) => `    ${s}`)]
      : []),
    ...(serverErrors.length ? ['  first 5xx:', ...serverErrors.map((s) => `    ${s}`)] : []),
    ...(transportFailures.length
      ? [
          `  connections the gateway closed without the client closing first (${serverCloses.length}, up to 200):`,
          ...serverCloses.map((s) => `    ${s}`),
        ]
      : []),
    ...(serverErrors.length || transportFailures.length ? ['  end of the gateway stderr:', stderrTail] : []),
    ...(missingCodes.length
      ? ['  first errors without a code:', ...missingCodes.map((s) => `    ${s}`)]
      : []),
  ].join('\n'),
);
process.exit(fiveXX === 0 && withoutCode === 0 && transportErrors === 0 && !exitedWhileFuzzing ? 0 : 1);
