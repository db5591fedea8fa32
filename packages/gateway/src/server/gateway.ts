import type { Server } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import {
  type Actor,
  type CalendarDate,
  calendarDateOf,
  DomainError,
  type Register,
} from '@hikikomori-register/core';
import {
  type DocumentNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  type Source,
  type ValidationRule,
} from 'graphql';
import {
  createGraphQLError,
  createYoga,
  type Plugin,
  useReadinessCheck,
  type YogaServerInstance,
} from 'graphql-yoga';
import { type AgencyOnboarding, sequentialOnboarding } from '../auth/onboarding.ts';
import type { StaffDirectory } from '../auth/staff-directory.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { NOT_ACCESSIBLE } from '../graphql/errors.ts';
import { indicatorQueryOf } from '../graphql/indicators.ts';
import { createLoaders } from '../graphql/loaders.ts';
import { schema } from '../graphql/schema.ts';
import { AuditWriteError } from '../persistence/audit-writer/audit-writer.ts';
import { type HeldReads, heldReadsOf } from '../persistence/register.ts';
import {
  AuthThrottle,
  PASSWORD_ADDRESS_THROTTLE,
  PASSWORD_THROTTLE,
  type ThrottlePolicy,
  TOKEN_THROTTLE,
} from './auth-throttle.ts';
import { fromOwnOrigin, readCookie, SESSION_COOKIE, useConsoleAuth } from './console-auth.ts';
import { boundedDocumentCache } from './document-cache.ts';
import { useGraphiQLPage } from './graphiql-page.ts';
import { useIntrospectionCache } from './introspection-cache.ts';
import {
  ANONYMOUS_LIMITS,
  checkQueryLimits,
  DEFAULT_LIMITS,
  parseWithLimits,
  type QueryLimits,
} from './limits.ts';
import { describeError, type GatewayLogger, jsonLogger } from './logger.ts';
import { answering, type OnRequestPayload } from './request-hooks.ts';
import { type ConsoleAssets, useStaffConsole } from './staff-console.ts';

export interface GatewayOptions {
  readonly register: Register;
  readonly staff: StaffDirectory;
  /**
   * Registers invited agencies with their first admin. Default: the register, then the staff
   * directory (right for memory); on a database pass `databaseOnboarding`, which does it in one
   * transaction.
   */
  readonly onboarding?: AgencyOnboarding;
  /** Structured JSON logs without personal data; defaults to JSON lines on stdout/stderr. */
  readonly logger?: GatewayLogger;
  /** Serve GraphiQL (with example operations) on GET /graphql from a browser. Off by default. */
  readonly graphiql?: boolean;
  /**
   * A token GraphiQL's Headers tab is pre-filled with (the demo's case worker). Only for the demo
   * register: anyone who can open GraphiQL can read it.
   */
  readonly graphiqlToken?: string;
  /** Readiness check for /ready (e.g. a database ping); throwing or rejecting answers 503. */
  readonly readiness?: () => Promise<void>;
  /** The clock for "today" (review overdue); defaults to the system clock. */
  readonly clock?: () => Date;
  /** Largest request body accepted, in bytes (default 1 MB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  readonly limits?: Partial<QueryLimits>;
  /** Limits for requests without a token (default ANONYMOUS_LIMITS: one cheap introspection). */
  readonly anonymousLimits?: Partial<QueryLimits>;
  /**
   * Whether schema introspection runs without a token (default true: GraphiQL and code generators
   * read the schema before a token is typed). Production may turn it off (ANONYMOUS_INTROSPECTION=off).
   */
  readonly anonymousIntrospection?: boolean;
  /**
   * Origins (scheme://host[:port]) allowed to call the gateway from a browser on another origin,
   * with credentials. Default none: only the console served by the gateway itself.
   */
  readonly corsOrigins?: readonly string[];
  /** The staff console's built files, served at `/`; without them `/` answers 404. */
  readonly console?: ConsoleAssets;
  /** Failed-authentication throttling (defaults: PASSWORD_THROTTLE, PASSWORD_ADDRESS_THROTTLE, TOKEN_THROTTLE). */
  readonly throttle?: {
    readonly password?: ThrottlePolicy;
    readonly passwordAddress?: ThrottlePolicy;
    readonly token?: ThrottlePolicy;
  };
}

export type GatewayServerContext = Record<string, unknown>;
export type Gateway = YogaServerInstance<GatewayServerContext, GraphQLContext>;

export const GRAPHQL_ENDPOINT = '/graphql';
export const CSRF_HEADER = 'x-graphql-yoga-csrf';
const DEFAULT_MAX_BODY = 1_000_000;
const ANONYMOUS: Actor = Object.freeze({ staffId: 'anonymous', agencyId: '', role: 'auditor' });

export const EXAMPLE_CASELOAD_QUERY = `# Your caseload: send your token as "Authorization: Bearer hkr_…" (Headers tab).
query Caseload($after: String) {
  me { staffId role agency { name } }
  cases(first: 20, after: $after, filter: { status: ACTIVE }) {
    edges {
      node {
        id
        stage
        familyStage
        status { state since }
        person { displayName }
        lastContact { occurredOn channel personContact }
        latestAssessment { assessedOn total stageHint }
        openReferrals(first: 5) { edges { node { status toAgency { name } } } }
        reviewOverdue
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}

function unauthenticated(): Error {
  return createGraphQLError('authentication required: send a valid bearer token or sign in', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });
}

function rateLimited(seconds: number): Error {
  return createGraphQLError(`too many failed authentication attempts: try again in ${seconds} s`, {
    extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'Retry-After': String(seconds) } } },
  });
}

/** Until a temporary password is replaced, a console session may only ask who it is. */
const FIELDS_BEFORE_PASSWORD_CHANGE = new Set(['me', '__typename']);

function passwordChangeRequired(): Error {
  return createGraphQLError('set a new password first (POST /auth/password)', {
    extensions: { code: 'PASSWORD_CHANGE_REQUIRED', http: { status: 403 } },
  });
}

/** Who a request is: by bearer token (systems) or by console session cookie (staff in a browser). */
type Authentication =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'actor'; readonly actor: Actor; readonly mustChangePassword: boolean };

async function authenticateRequest(request: Request, staff: StaffDirectory): Promise<Authentication> {
  const token = bearerToken(request);
  if (token) {
    const actor = await staff.authenticate(token);
    return actor ? { kind: 'actor', actor, mustChangePassword: false } : { kind: 'invalid' };
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  if (!cookie) return { kind: 'none' };
  // A session cookie is honoured only from the console's own origin (CSRF).
  const session = fromOwnOrigin(request) ? await staff.authenticateSession(cookie) : null;
  return session ? { kind: 'actor', ...session } : { kind: 'invalid' };
}

/**
 * Mutations a person without a staff account may run: redeeming an invitation is how an agency's
 * first admin gets one. (Its refusals say no more than whether the invitation can be used.)
 */
export const MUTATIONS_WITHOUT_TOKEN: ReadonlySet<string> = new Set(['redeemAgencyInvitation']);

/**
 * The operation's type and every field it selects at its root (through fragments), or null when the
 * document does not parse or the operation is not unambiguous.
 */
function rootFieldsOf(
  query: string | undefined,
  operationName?: string | null,
  maxTokens: number = DEFAULT_LIMITS.maxTokens,
  maxQueryLength: number = DEFAULT_LIMITS.maxQueryLength,
): { readonly operation: string; readonly fields: readonly string[] } | null {
  // Too long a document is not read at all.
  if (!query || typeof query !== 'string' || query.length > maxQueryLength) return null;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    // Too many tokens, a syntax error or nesting beyond the parser's stack: not an operation we run.
    return null;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return null;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const fields: string[] = [];
  // Each fragment is walked once: spreading it again adds no root field, and walking every spread
  // would let fragments that spread each other twice over cost 2^n steps (a fragment bomb).
  const collected = new Set<string>();
  const collect = (
    selections: readonly (typeof operation.selectionSet.selections)[number][],
    seen: Set<string>,
  ): boolean =>
    selections.every((s) => {
      if (s.kind === Kind.FIELD) {
        fields.push(s.name.value);
        return true;
      }
      if (s.kind === Kind.INLINE_FRAGMENT) return collect(s.selectionSet.selections, seen);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return false;
      if (collected.has(s.name.value)) return true;
      const ok = collect(fragment.selectionSet.selections, new Set([...seen, s.name.value]));
      collected.add(s.name.value);
      return ok;
    });
  if (!collect(operation.selectionSet.selections, new Set())) return null;
  return { operation: operation.operation, fields };
}

/** Only schema introspection (`__schema`, `__type`, `__typename`) may be asked without a token. */
export function isIntrospectionOnly(
  query: string | undefined,
  operationName?: string | null,
  maxTokens: number = ANONYMOUS_LIMITS.maxTokens,
): boolean {
  const root = rootFieldsOf(query, operationName, maxTokens);
  return root?.operation === 'query' && root.fields.every((f) => f.startsWith('__'));
}

/**
 * Introspection, or a mutation of `MUTATIONS_WITHOUT_TOKEN` only: what runs without a bearer token.
 * The document is parsed once, with the anonymous token limit, after the anonymous length limit.
 */
export function isAllowedWithoutToken(
  query: string | undefined,
  operationName?: string | null,
  options: {
    readonly introspection?: boolean;
    readonly maxTokens?: number;
    readonly maxQueryLength?: number;
  } = {},
): boolean {
  const root = rootFieldsOf(
    query,
    operationName,
    options.maxTokens ?? ANONYMOUS_LIMITS.maxTokens,
    options.maxQueryLength ?? ANONYMOUS_LIMITS.maxQueryLength,
  );
  if (!root) return false;
  if (
    (options.introspection ?? true) &&
    root.operation === 'query' &&
    root.fields.every((f) => f.startsWith('__'))
  )
    return true;
  return (
    root.operation === 'mutation' &&
    root.fields.some((f) => MUTATIONS_WITHOUT_TOKEN.has(f)) &&
    root.fields.every((f) => MUTATIONS_WITHOUT_TOKEN.has(f) || f === '__typename')
  );
}

/**
 * 413 for bodies over the limit: by Content-Length when given; a streamed body (no length) is read
 * up to the limit and handed on as a buffer.
 */
function useBodyLimit(maxBytes: number): Plugin {
  const tooLarge = (payload: Pick<OnRequestPayload, 'endResponse' | 'fetchAPI'>) =>
    payload.endResponse(
      new payload.fetchAPI.Response(
        JSON.stringify({
          errors: [
            {
              message: `request body exceeds ${maxBytes} bytes`,
              extensions: { code: 'PAYLOAD_TOO_LARGE' },
            },
          ],
        }),
        {
          status: 413,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        },
      ),
    );
  /** A body without a declared length, read up to the limit into a buffer. */
  const readStreamed = async (payload: OnRequestPayload, body: ReadableStream<Uint8Array>) => {
    const { request, setRequest, fetchAPI } = payload;
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        tooLarge(payload);
        return;
      }
      chunks.push(value);
    }
    const buffer = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, offset);
      offset += chunk.byteLength;
    }
    setRequest(
      new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body: buffer }),
    );
  };
  return {
    // Synchronous unless the body must be read: a request with a declared length costs no promise step.
    onRequest(payload) {
      const { request } = payload;
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) tooLarge(payload);
        return;
      }
      return readStreamed(payload, request.body);
    },
  };
}

function csvFilename(query: ReturnType<typeof indicatorQueryOf>): string {
  const scope =
    query.scope.kind === 'agency'
      ? 'agency'
      : query.scope.kind === 'municipality'
        ? query.scope.municipalityCode
        : query.scope.kind === 'area'
          ? 'area'
          : 'all';
  const p = query.period;
  const period =
    p.kind === 'month'
      ? `month-${p.month}`
      : p.kind === 'range'
        ? `${p.from}_${p.to}`
        : `${p.fiscalYear}-${p.kind}`;
  // Only checked values reach the name (the query is parsed before the file is made).
  return `indicators-${period.replace(/[^0-9A-Za-z_-]/g, '')}-${scope}${query.publishing ? '-public' : ''}.csv`;
}

/**
 * GET /indicators.csv?fiscalYear=2023&kind=fiscalYear&scope=agency&publishing=false (bearer auth);
 * kind=month&month=2024-04, kind=range&from=2024-04-01&to=2024-12-31, scope=area&areaId=… likewise:
 * the figures as CSV for Excel (UTF-8 with BOM, formula-safe), as `register.indicators.csv` makes it.
 */
function useIndicatorsCsv(register: Register, auth: RequestAuthentication): Plugin {
  return {
    onRequest: answering(
      ({ url }) => url.pathname === '/indicators.csv',
      async ({ request, url, endResponse, fetchAPI }) => {
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
          endResponse(
            new fetchAPI.Response(JSON.stringify(body), {
              status,
              headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
            }),
          );
        if (request.method !== 'GET')
          return json(405, { error: 'use GET', code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET' });
        const authentication = await auth.authenticate(request);
        if (authentication.kind === 'locked')
          return json(
            429,
            { error: 'too many failed authentication attempts', code: 'RATE_LIMITED' },
            { 'retry-after': String(authentication.seconds) },
          );
        if (authentication.kind !== 'actor' || authentication.mustChangePassword)
          return json(
            401,
            { error: 'authentication required', code: 'UNAUTHENTICATED' },
            { 'www-authenticate': 'Bearer' },
          );
        const actor = authentication.actor;
        const p = url.searchParams;
        try {
          const query = indicatorQueryOf(
            actor.agencyId,
            {
              kind: p.get('kind') ?? 'fiscalYear',
              fiscalYear: Number(p.get('fiscalYear')),
              month: p.get('month'),
              from: p.get('from'),
              to: p.get('to'),
            },
            {
              kind: p.get('scope') ?? 'agency',
              agencyId: p.get('agencyId'),
              municipalityCode: p.get('municipalityCode'),
              areaId: p.get('areaId'),
            },
            p.get('publishing') === 'true',
          );
          const csv = await register.indicators.csv(actor, query);
          endResponse(
            new fetchAPI.Response(csv, {
              status: 200,
              headers: {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': `attachment; filename="${csvFilename(query)}"`,
                'cache-control': 'no-store',
              },
            }),
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code === 'FORBIDDEN') return json(403, { error: NOT_ACCESSIBLE, code: 'FORBIDDEN' });
          return json(400, { error: error.message, code: error.code, field: error.field ?? null });
        }
      },
    ),
  };
}

/** Longest client-chosen text (operation name, path, method) written to a log line. */
export const MAX_LOGGED_TEXT = 100;

/** Client-chosen text as a log may carry it: a string, cut at MAX_LOGGED_TEXT characters. */
function loggable(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.length > MAX_LOGGED_TEXT ? `${value.slice(0, MAX_LOGGED_TEXT)}…` : value;
}

/** The name of the first named operation of a document, for logs (the query text itself is not logged). */
function operationNameOf(query: unknown): string | null {
  return typeof query === 'string'
    ? (/^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(query)?.[1] ?? null)
    : null;
}

interface RequestInfo {
  start: number;
  /** The URL's path, read once from the URL the server parsed. */
  path: string;
  actor: Actor | null;
  operationName: string | null;
  /** The client's address, for throttling failed authentication. */
  address: string;
}

/** What the request plugins share about authentication. */
interface RequestAuthentication {
  readonly clientAddress: (request: Request) => string;
  /**
   * Who the request is, with failed tokens and cookies throttled by client address: `locked` while
   * the address is refused, and an invalid credential counts as a failure.
   */
  authenticate(
    request: Request,
  ): Promise<Authentication | { readonly kind: 'locked'; readonly seconds: number }>;
}

/** The peer address of the connection (a proxy in front is one client: configure its own limits). */
function peerAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Bearer-token or session-cookie authentication, with failed attempts throttled by client address,
 * and one structured log line per request (no variables, no tokens).
 */
function useAuthAndLogging(
  logger: GatewayLogger,
  requests: WeakMap<Request, RequestInfo>,
  auth: RequestAuthentication,
  anonymous: { readonly introspection: boolean; readonly maxTokens: number; readonly maxQueryLength: number },
): Plugin {
  return {
    onRequest({ request, url, serverContext }) {
      requests.set(request, {
        start: performance.now(),
        path: url.pathname,
        actor: null,
        operationName: null,
        address: peerAddress(serverContext),
      });
    },
    async onParams({ request, params }) {
      const info = requests.get(request);
      if (info) info.operationName = loggable(params.operationName ?? operationNameOf(params.query));
      const authentication = await auth.authenticate(request);
      if (authentication.kind === 'locked') throw rateLimited(authentication.seconds);
      if (authentication.kind === 'invalid') throw unauthenticated();
      if (authentication.kind === 'none') {
        if (!isAllowedWithoutToken(params.query, params.operationName, anonymous)) throw unauthenticated();
        return;
      }
      const root = authentication.mustChangePassword
        ? rootFieldsOf(params.query, params.operationName)
        : null;
      if (
        authentication.mustChangePassword &&
        !(root?.operation === 'query' && root.fields.every((f) => FIELDS_BEFORE_PASSWORD_CHANGE.has(f)))
      )
        throw passwordChangeRequired();
      if (info) info.actor = authentication.actor;
    },
    onResponse({ request, response }) {
      const info = requests.get(request);
      // A request answered before this plugin saw it (a body over the limit) has no info yet.
      const path = info?.path ?? new URL(request.url).pathname;
      // Case data and sign-in answers are never kept by a browser or a proxy.
      if (path === GRAPHQL_ENDPOINT || path.startsWith('/auth/'))
        response.headers.set('cache-control', 'no-store');
      logger.info({
        msg: 'request',
        method: loggable(request.method),
        path: loggable(path),
        status: response.status,
        durationMs: info ? Math.round((performance.now() - info.start) * 10) / 10 : null,
        operationName: info?.operationName ?? null,
        staffId: info?.actor?.staffId ?? null,
        agencyId: info?.actor?.agencyId ?? null,
      });
    },
  };
}

// Named no-op rules: Yoga caches validation results by the names of the rules, so documents checked
// against the anonymous limits and the staff limits are cached apart.
const staffLimitsChecked: ValidationRule = function staffLimitsChecked() {
  return {};
};
const anonymousLimitsChecked: ValidationRule = function anonymousLimitsChecked() {
  return {};
};

/**
 * The token limit at parsing, and the depth, cost, alias and introspection limits before the
 * standard validation rules (which would otherwise compare thousands of aliased fields pairwise).
 * Requests without a token get the anonymous limits.
 */
function useQueryLimits(
  limits: QueryLimits,
  anonymousLimits: QueryLimits,
  requests: WeakMap<Request, RequestInfo>,
): Plugin {
  // Documents within the limits, by the limits they were checked against. The parser's cache hands
  // the same document object to the same text, so a repeated operation is measured once; a document
  // that breaks a limit is measured again each time (its errors are not shared between requests).
  const withinStaffLimits = new WeakSet<DocumentNode>();
  const withinAnonymousLimits = new WeakSet<DocumentNode>();
  return {
    onParse({ setParseFn }) {
      setParseFn((source) => parseWithLimits(typeof source === 'string' ? source : source.body, limits));
    },
    onValidate({ context, params, addValidationRule, setResult }) {
      const request = (context as { request?: Request }).request;
      const anonymous = !(request && requests.get(request)?.actor);
      addValidationRule(anonymous ? anonymousLimitsChecked : staffLimitsChecked);
      const within = anonymous ? withinAnonymousLimits : withinStaffLimits;
      if (within.has(params.documentAST)) return;
      const errors = checkQueryLimits(
        params.schema,
        params.documentAST,
        anonymous ? anonymousLimits : limits,
      );
      if (errors.length > 0) setResult(errors);
      else within.add(params.documentAST);
    },
  };
}

/**
 * Yoga's URL and form parsers read `variables` and `extensions` with JSON.parse and let its
 * SyntaxError through (a 500): here it is a 400 naming the problem.
 */
function useRequestParseErrors(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      const parse = requestParser;
      setRequestParser(async (request) => {
        try {
          return await parse(request);
        } catch (error) {
          if (error instanceof SyntaxError)
            throw createGraphQLError('variables or extensions are not valid JSON', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          throw error;
        }
      });
    },
  };
}

/** Refusals of the request itself: 400 whatever the client accepts (not a GraphQL result). */
const REQUEST_REFUSALS: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'DEPTH_LIMIT_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'INTROSPECTION_LIMIT_EXCEEDED',
  'TOKEN_LIMIT_EXCEEDED',
  'QUERY_LENGTH_LIMIT_EXCEEDED',
]);

/** The code of an error that came without one (from GraphQL itself or from a Yoga plugin). */
function codeFor(error: GraphQLError): string {
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  if (error.message.includes('CSRF')) return 'CSRF_HEADER_REQUIRED';
  if (status !== undefined && status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

function withCode(error: GraphQLError): GraphQLError {
  const { originalError: _, ...extensions } = error.extensions ?? {};
  const http = extensions.http as { status?: number; spec?: boolean } | undefined;
  const code =
    http?.status === 405
      ? 'METHOD_NOT_ALLOWED'
      : typeof extensions.code === 'string'
        ? extensions.code
        : codeFor(error);
  const refusal = REQUEST_REFUSALS.has(code) && (http?.spec || !http?.status || http.status < 400);
  if (extensions.code === code && !refusal && !('originalError' in (error.extensions ?? {}))) return error;
  return sameErrorAt(error, error.message, {
    ...extensions,
    code,
    ...(refusal ? { http: { ...http, spec: false, status: 400 } } : {}),
  });
}

/** A new error with `message` and `extensions` where `error` was: its nodes, source, positions and path. */
function sameErrorAt(
  error: GraphQLError,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLError {
  return new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  });
}

/**
 * No answer without its audit: when the audit entries of any read in the request could not be
 * committed, the whole request fails (503 `AUDIT_UNAVAILABLE`) instead of answering the other fields.
 */
function useAuditRequired(
  logger: GatewayLogger,
  held: HeldReads | undefined,
  auditSince: WeakMap<Request, number>,
): Plugin {
  const refusal = (cause: unknown) => {
    logger.error({ event: 'audit.write_failed', ...describeError(cause) });
    return {
      errors: [
        new GraphQLError(
          '監査記録を保存できなかったため、応答できません。しばらくしてから再度お試しください。',
          { extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } } },
        ),
      ],
    };
  };
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
          const failure = result.errors?.find((e) => e.originalError instanceof AuditWriteError);
          if (failure) setResult(refusal(failure.originalError?.cause));
        },
      };
    },
    // Reads of held registers did not wait for their audit commit: the answer does, here.
    async onResultProcess({ request, setResult }) {
      const since = auditSince.get(request);
      if (!held || since === undefined) return;
      try {
        await held.audit.committed(since);
      } catch (error) {
        setResult(refusal(error instanceof AuditWriteError ? error.cause : error));
      }
    },
  };
}

/**
 * An error raised while a field was executed (it has a path) that carries no code: graphql-js's own
 * (a resolver's value the schema cannot represent) or one thrown without a code. The request was
 * fine; the gateway failed — and the message may quote the value, so the client gets none of it.
 */
function isUncodedExecutionError(error: GraphQLError): boolean {
  return error.path !== undefined && typeof error.extensions?.code !== 'string';
}

function maskedExecutionError(error: GraphQLError, logger: GatewayLogger): GraphQLError {
  // The field's path and the stack, never the message (it may hold the value or personal data).
  logger.error({
    event: 'graphql.field_failed',
    path: error.path?.join('.'),
    ...describeError(error.originalError ?? error),
  });
  return sameErrorAt(error, 'Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' });
}

/**
 * Every error a client receives carries `extensions.code` (variable coercion → BAD_USER_INPUT,
 * missing CSRF header → CSRF_HEADER_REQUIRED, other refusals → BAD_REQUEST, an uncoded error of a
 * field's execution → INTERNAL_SERVER_ERROR, masked), and none carries the original exception (a JSON
 * parser's message quotes the body).
 */
function useErrorCodes(logger: GatewayLogger): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
      const errors = result.errors;
      if (!errors?.length) return;
      setResult({
        ...result,
        errors: errors.map((e) =>
          e instanceof GraphQLError
            ? isUncodedExecutionError(e)
              ? maskedExecutionError(e, logger)
              : withCode(e)
            : new GraphQLError(String((e as Error).message), { extensions: { code: 'BAD_REQUEST' } }),
        ),
      });
    },
  };
}

/**
 * Operations run compiled to JavaScript (graphql-jit) from their second time on: a client's repeated
 * operation (a caseload page) then skips the interpreter's per-field work and garbage. A document is
 * compiled once, as long as the parser's cache keeps it; one seen once, or too large to be kept, runs
 * interpreted and costs no compilation.
 */
function useCompiledOperations(): Plugin {
  const seen = new WeakSet<DocumentNode>();
  const jit = useGraphQlJit(
    {},
    {
      enableIf: ({ schema: executed, document, operationName, variableValues }) => {
        if (!seen.has(document)) {
          seen.add(document);
          return false;
        }
        // Variables that do not coerce get graphql-js's own errors: the compiled query words them
        // otherwise (and without their locations), and clients see one answer for one mistake.
        const operation = getOperationAST(document, operationName);
        if (!operation) return false;
        const coerced = getVariableValues(
          executed,
          operation.variableDefinitions ?? [],
          variableValues ?? {},
        );
        return !('errors' in coerced);
      },
    },
  );
  return {
    onExecute(payload) {
      void jit.onExecute?.(payload as never);
      const source = payload.args.document.loc?.source;
      return {
        onExecuteDone({ result, setResult }) {
          if (!source || Array.isArray(result) || !result || !('errors' in result)) return;
          const errors = result.errors;
          if (!errors?.some(isLocatedWithoutNodes)) return;
          setResult({
            ...result,
            errors: errors.map((e) => (isLocatedWithoutNodes(e) ? locatedAt(source, e) : e)),
          });
        },
      };
    },
  };
}

/** A compiled operation's field error: its locations, but not the nodes or positions they came from. */
const isLocatedWithoutNodes = (error: GraphQLError): boolean =>
  !error.nodes && !error.positions && (error.locations?.length ?? 0) > 0;

/**
 * The same error with the positions of its locations in the document's source, so that it keeps them
 * wherever it is rebuilt from nodes, source and positions (Yoga does, for errors with an HTTP status),
 * as an interpreted run's error keeps them through its nodes.
 */
function locatedAt(source: Source, error: GraphQLError): GraphQLError {
  const lineStarts = [0];
  for (let i = 0; i < source.body.length; i++) if (source.body[i] === '\n') lineStarts.push(i + 1);
  return new GraphQLError(error.message, {
    source,
    positions: (error.locations ?? []).map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1),
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}

/** Cross-origin calls only from the configured origins; everyone else gets no CORS headers at all. */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false as const;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', CSRF_HEADER],
      maxAge: 600,
    };
  };
}

/**
 * The GraphQL gateway over a register: Yoga with bearer-token authentication, CSRF prevention, depth
 * and cost limits, a body size limit, /health, /ready and /indicators.csv. The returned instance is
 * also a Node `http` request listener: `createServer(gateway)`.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const logger = options.logger ?? jsonLogger();
  const clock = options.clock ?? (() => new Date());
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const anonymousLimits: QueryLimits = { ...ANONYMOUS_LIMITS, ...options.anonymousLimits };
  const requests = new WeakMap<Request, RequestInfo>();
  const { register, staff } = options;
  const throttleClock = () => clock().getTime();
  const tokenThrottle = new AuthThrottle(options.throttle?.token ?? TOKEN_THROTTLE, throttleClock);
  const clientAddress = (request: Request) => requests.get(request)?.address ?? 'unknown';
  const auth: RequestAuthentication = {
    clientAddress,
    async authenticate(request) {
      const address = clientAddress(request);
      const seconds = tokenThrottle.retryAfterSeconds([address]);
      if (seconds > 0) return { kind: 'locked', seconds };
      const authentication = await authenticateRequest(request, staff);
      if (authentication.kind === 'invalid') tokenThrottle.fail([address]);
      return authentication;
    },
  };
  const onboarding = options.onboarding ?? sequentialOnboarding(register, staff, clock);
  // On a database, GraphQL reads hand their audit entries over without waiting for the commit, and
  // each answer waits for it instead (useAuditRequired): the commit overlaps the request's execution.
  const held = heldReadsOf(register);
  const auditSince = new WeakMap<Request, number>();

  return createYoga<GatewayServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    batching: false,
    // The body limit is `useBodyLimit`'s (a typed 413 PAYLOAD_TOO_LARGE, by the declared length or
    // by reading a streamed body). Yoga's own limit, on by default, piped every request body through
    // a transform stream into a new request, whatever its declared length: an AbortController, a
    // DOMException and a stream pipeline per request for nothing Node's parser had not checked.
    maxRequestBodySize: false,
    parserAndValidationCache: { documentCache: boundedDocumentCache(), errorCache: boundedDocumentCache() },
    cors: corsFor(options.corsOrigins ?? []),
    maskedErrors: { isDev: false },
    // GraphiQL is served by useGraphiQLPage (rendered once), not rendered by Yoga per request.
    graphiql: false,
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) =>
        logger.warn({ msg: 'yoga', ...describeError(args.find((a) => a instanceof Error)) }),
      error: (...args: unknown[]) =>
        logger.error({ msg: 'unexpected error', ...describeError(args.find((a) => a instanceof Error)) }),
    },
    context: ({ request }) => {
      // Without a token only introspection and invitation redemption get this far (see onParams); the
      // stand-in actor belongs to no agency and can read or change nothing regardless.
      const actor = requests.get(request)?.actor ?? ANONYMOUS;
      if (held) auditSince.set(request, held.audit.position());
      const reads = held?.register ?? register;
      // One day for the whole request (review-overdue is asked per case of a page).
      let today: CalendarDate | undefined;
      const context: GraphQLContext = {
        actor,
        register: reads,
        staff,
        onboarding,
        loaders: createLoaders(reads, () => context.actor),
        today: () => {
          today ??= calendarDateOf(clock());
          return today;
        },
        now: clock,
      };
      return context;
    },
    plugins: [
      ...(options.graphiql
        ? [
            useGraphiQLPage(GRAPHQL_ENDPOINT, {
              title: 'ひきこもり台帳 GraphQL',
              defaultQuery: EXAMPLE_CASELOAD_QUERY,
              ...(options.graphiqlToken
                ? { headers: JSON.stringify({ Authorization: `Bearer ${options.graphiqlToken}` }) }
                : {}),
              shouldPersistHeaders: false,
            }),
          ]
        : []),
      // The body limit may replace the request (a streamed body read into a buffer), so it comes
      // before the plugin that records each request's start, address and actor.
      useBodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY),
      useAuthAndLogging(logger, requests, auth, {
        introspection: options.anonymousIntrospection ?? true,
        maxTokens: anonymousLimits.maxTokens,
        maxQueryLength: anonymousLimits.maxQueryLength,
      }),
      useConsoleAuth({
        staff,
        logger,
        clock,
        clientAddress: auth.clientAddress,
        accountThrottle: new AuthThrottle(options.throttle?.password ?? PASSWORD_THROTTLE, throttleClock),
        addressThrottle: new AuthThrottle(
          options.throttle?.passwordAddress ?? PASSWORD_ADDRESS_THROTTLE,
          throttleClock,
        ),
      }),
      ...(options.console ? [useStaffConsole(options.console)] : []),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          if (!options.readiness) return true;
          try {
            await options.readiness();
            return true;
          } catch (error) {
            logger.warn({ msg: 'not ready', ...describeError(error) });
            return false;
          }
        },
      }),
      useIndicatorsCsv(register, auth),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useRequestParseErrors(),
      useQueryLimits(limits, anonymousLimits, requests),
      useIntrospectionCache(),
      useAuditRequired(logger, held, auditSince),
      useErrorCodes(logger),
      useCompiledOperations(),
    ],
  });
}

export interface ShutdownOptions {
  /** Called once every in-flight request has finished (close the database here). */
  readonly onClose?: () => Promise<void> | void;
  /** After this many milliseconds, connections still open are cut (default 10 s). */
  readonly timeoutMs?: number;
}

/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish (idle keep-alive
 * connections are closed as they become idle), then call `onClose`. Returns when done.
 */
export function shutdownGracefully(server: Server, options: ShutdownOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<void>((resolve, reject) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(async (error) => {
      clearInterval(idle);
      clearTimeout(force);
      try {
        await options.onClose?.();
      } catch (closeError) {
        reject(closeError);
        return;
      }
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
