import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import {
  AuthenticationError,
  type GraphQLErrorEntry,
  GraphQLResponseError,
  NetworkError,
  RequestError,
} from './errors.ts';

export interface TransportOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  readonly url: string;
  /**
   * Bearer token of the staff account (`hkr_…`). Omitted in a browser page of the staff console: the
   * signed-in session's cookie goes with every same-origin request instead.
   */
  readonly token?: string;
  /** Defaults to the global fetch (Node 20+). */
  readonly fetch?: typeof fetch;
  /** Timeout of each attempt in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Extra attempts for reads (never for mutations) after a network failure or a 5xx (default 2). */
  readonly retries?: number;
  /** Delay before the first extra attempt in milliseconds; doubles each time (default 200). */
  readonly retryDelayMs?: number;
}

/**
 * A typed GraphQL document: the generated `*Document` constants, or any string-like document with
 * its result and variables types (e.g. from another codegen run).
 */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

/**
 * The variables argument: optional when the operation has no required variable (an empty object
 * fits a variables type exactly when none of its keys is required).
 */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

// Yoga's CSRF prevention asks for this header on requests a browser could send without a preflight;
// the client always sends it, so every request shape passes.
const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * True when the document holds no mutation or subscription, so sending it twice is harmless.
 * Only top-level keywords count (strings, comments and selection sets are skipped); anything it
 * cannot tell is treated as not read-only, which only costs a retry.
 */
export function isReadOnlyDocument(document: string): boolean {
  const source = document.replace(/"""[\s\S]*?"""|"(?:[^"\\\r\n]|\\.)*"|#[^\r\n]*/g, ' ');
  let depth = 0;
  let topLevel = '';
  for (const char of source) {
    if (char === '{') {
      if (depth === 0) topLevel += ' ';
      depth++;
    } else if (char === '}') depth--;
    else if (depth === 0) topLevel += char;
  }
  return !/(^|[^\w$])(mutation|subscription)\b/.test(topLevel);
}

/**
 * One POST per operation with the bearer token, and authenticated GETs for the gateway's plain
 * routes. Reads are retried with back-off after network failures and 5xx answers; mutations never
 * are: a mutation whose answer was lost may have been applied, and sending it again could apply it twice.
 */
export class GraphQLTransport {
  readonly #options: TransportOptions;
  readonly #fetch: typeof fetch;

  constructor(options: TransportOptions) {
    if (!options.url) throw new TypeError('url is required (the gateway’s /graphql endpoint)');
    this.#options = options;
    // Called through a wrapper: browsers refuse `fetch` called with another `this` (Illegal invocation).
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Runs a document; resolves to its `data`. `retry` overrides the read-only check. */
  async execute<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables | undefined,
    options: { readonly retry?: boolean } = {},
  ): Promise<TResult> {
    const query = document.toString();
    const retry = options.retry ?? isReadOnlyDocument(query);
    return this.#withRetries(retry, () => this.#post<TResult>(query, variables));
  }

  /**
   * An authenticated GET of a path relative to the GraphQL endpoint (e.g. `indicators.csv`), read as
   * UTF-8 text with any byte order mark kept. Retried like a read.
   */
  async getText(path: string, params: Readonly<Record<string, string>>, accept: string): Promise<string> {
    const url = new URL(path, this.#options.url);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return this.#withRetries(true, async () => {
      const response = await this.#send(url, { method: 'GET', headers: this.#headers(accept) });
      if (response.status === 401) throw new AuthenticationError();
      if (response.status >= 500) throw serverError(response.status);
      const bytes = await this.#read(response, () => response.arrayBuffer());
      if (!response.ok) throw refusal(response.status, bytes);
      // Response.text() drops a leading BOM; Excel needs it to read the CSV as UTF-8.
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    });
  }

  async #withRetries<T>(retry: boolean, attempt: () => Promise<T>): Promise<T> {
    const attempts = 1 + (retry ? Math.max(0, this.#options.retries ?? 2) : 0);
    const delay = this.#options.retryDelayMs ?? 200;
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof NetworkError) || n >= attempts) throw error;
        await sleep(delay * 2 ** (n - 1));
      }
    }
  }

  async #post<TResult>(query: string, variables: unknown): Promise<TResult> {
    const response = await this.#send(new URL(this.#options.url), {
      method: 'POST',
      headers: {
        ...this.#headers('application/graphql-response+json, application/json;q=0.9'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
    if (response.status >= 500) throw serverError(response.status);
    // GraphQL over HTTP answers errors with 4xx and a JSON body: read it before judging the status.
    const text = await this.#read(response, () => response.text());
    const body = parseJson(text) as { data?: TResult | null; errors?: GraphQLErrorEntry[] } | undefined;
    const errors = Array.isArray(body?.errors) ? body.errors : [];
    if (response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
      throw new AuthenticationError();
    if (errors.length > 0) throw new GraphQLResponseError(errors, response.status, body?.data);
    if (!response.ok) throw refusal(response.status, new TextEncoder().encode(text));
    if (body?.data === undefined || body.data === null)
      throw new RequestError('the gateway answered without GraphQL data', response.status);
    return body.data;
  }

  #headers(accept: string): Record<string, string> {
    const { token } = this.#options;
    return { accept, ...(token ? { authorization: `Bearer ${token}` } : {}), [CSRF_HEADER]: '1' };
  }

  async #send(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw unreachable(url, error);
    }
  }

  /** Reads a body; a connection lost or timed out mid-body is a network failure too. */
  async #read<T>(response: Response, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw unreachable(new URL(response.url || this.#options.url), error);
    }
  }
}

function unreachable(url: URL, error: unknown): NetworkError {
  const reason = error instanceof Error ? error.message : String(error);
  return new NetworkError(`could not reach the gateway at ${url.origin}: ${reason}`, undefined, {
    cause: error,
  });
}

function serverError(status: number): NetworkError {
  return new NetworkError(`the gateway failed with HTTP ${status}`, status);
}

/** A 4xx answer of a plain route: the gateway's JSON `{ error, code, field }` when it sent one. */
function refusal(status: number, bytes: ArrayBuffer | Uint8Array): RequestError {
  const body = parseJson(new TextDecoder().decode(bytes)) as
    | { error?: unknown; code?: unknown; field?: unknown; errors?: { message?: unknown }[] }
    | undefined;
  const message =
    typeof body?.error === 'string'
      ? body.error
      : typeof body?.errors?.[0]?.message === 'string'
        ? body.errors[0].message
        : `the gateway refused the request with HTTP ${status}`;
  return new RequestError(message, status, {
    ...(typeof body?.code === 'string' ? { code: body.code } : {}),
    ...(typeof body?.field === 'string' ? { field: body.field } : {}),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
