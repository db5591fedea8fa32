import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Agency, createInMemoryRegister, type Register } from '@hikikomori-register/core';
import { InMemoryStaffDirectory } from '../auth/in-memory-staff-directory.ts';
import type { AgencyOnboarding } from '../auth/onboarding.ts';
import type { StaffDirectory } from '../auth/staff-directory.ts';
import { type Database, openDatabase } from '../persistence/database.ts';
import { databaseOnboarding } from '../persistence/onboarding/database-onboarding.ts';
import { createDatabaseRegister } from '../persistence/register.ts';
import { PrismaStaffDirectory } from '../persistence/staff/prisma-staff-directory.ts';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';
import { bootstrapFirstAdmin } from './bootstrap.ts';
import { createGateway, type GatewayOptions, GRAPHQL_ENDPOINT } from './gateway.ts';
import { createHttpServer } from './http-server.ts';
import type { GatewayLogger } from './logger.ts';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] | undefined;
}

/** Where the register lives: in memory, or a fresh migrated database from a test provider. */
export type HarnessBackend = 'memory' | TestDatabaseProvider;

/** How requests reach the gateway: `yoga.fetch` in-process, or a real HTTP server on a free port. */
export type HarnessTransport = 'fetch' | 'http';

export interface HarnessOptions {
  readonly today?: string;
  readonly gateway?: Partial<GatewayOptions>;
  /** Default: memory. */
  readonly backend?: HarnessBackend;
  /** Default: fetch. */
  readonly transport?: HarnessTransport;
  /** Observes every SQL statement (database backends only). */
  readonly onQuery?: (sql: string) => void;
}

export const backendName = (backend: HarnessBackend = 'memory'): string =>
  backend === 'memory' ? 'memory' : backend.name;

async function storage(
  backend: HarnessBackend,
  clock: () => Date,
  onQuery: ((sql: string) => void) | undefined,
): Promise<{
  register: Register;
  staff: StaffDirectory;
  database: Database | null;
  onboarding?: AgencyOnboarding;
}> {
  if (backend === 'memory') {
    const { register } = await createInMemoryRegister({ clock });
    return { register, staff: new InMemoryStaffDirectory({ clock }), database: null };
  }
  const database = await openDatabase(await backend.create(), onQuery ? { onQuery } : {});
  try {
    const register = await createDatabaseRegister(database, { clock });
    return {
      register,
      staff: new PrismaStaffDirectory(database, { clock }),
      database,
      onboarding: databaseOnboarding(database, { clock }),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * A gateway over a register with a movable clock, for tests: a token per named actor, `gql` posts to
 * /graphql like a client would (in-process or over HTTP), and every log entry is kept. `close()`
 * stops the server and closes the database; the provider's `dropAll` removes the database itself.
 */
export async function harness(options: HarnessOptions = {}) {
  let today = options.today ?? '2023-04-03';
  const clock = () => new Date(`${today}T03:00:00Z`);
  const backend = options.backend ?? 'memory';
  const transport = options.transport ?? 'fetch';
  const { register, staff, database, onboarding } = await storage(backend, clock, options.onQuery);
  const logs: Record<string, unknown>[] = [];
  const logger: GatewayLogger = {
    info: (e) => logs.push({ level: 'info', ...e }),
    warn: (e) => logs.push({ level: 'warn', ...e }),
    error: (e) => logs.push({ level: 'error', ...e }),
  };
  const gateway = createGateway({
    register,
    staff,
    logger,
    clock,
    ...(onboarding ? { onboarding } : {}),
    ...options.gateway,
  });

  let server: Server | null = null;
  let origin = 'http://gateway.test';
  if (transport === 'http') {
    const listening = createHttpServer(gateway);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(0, '127.0.0.1', () => resolve());
    });
    server = listening;
    origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }

  /** One request to the gateway, over the chosen transport. */
  const request = (path: string, init: RequestInit = {}): Promise<Response> =>
    server ? fetch(`${origin}${path}`, init) : Promise.resolve(gateway.fetch(`${origin}${path}`, init));

  async function token(
    agency: Agency,
    role: 'staff' | 'supervisor' | 'agencyAdmin' | 'auditor',
    name: string = role,
  ) {
    const account = await staff.createStaff({ agencyId: agency.id, displayName: name, role });
    // Tests move the clock over years: their tokens never expire.
    return { account, token: (await staff.issueToken(account.id, 'test', { expiresAt: null })).token };
  }

  async function gql<T = Record<string, unknown>>(
    bearer: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlResult<T>> {
    const response = await request(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GqlResult['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors };
  }

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (server) {
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        s.closeAllConnections();
      });
    }
    await database?.close();
  }

  return {
    backend: backendName(backend),
    transport,
    /** Where requests go (a real address with the `http` transport). */
    origin,
    register,
    staff,
    gateway,
    database,
    logs,
    token,
    gql,
    request,
    close,
    setToday: (date: string) => {
      today = date;
    },
  };
}

export type Harness = Awaited<ReturnType<typeof harness>>;

/** A harness with one agency (a regional centre), its first administrator and a case worker's token. */
export async function harnessWithWorker(options: HarnessOptions = {}) {
  const h = await harness(options);
  const boot = await bootstrapFirstAdmin({
    register: h.register,
    staff: h.staff,
    agency: { kind: 'hikikomoriRegionalCentre', name: 'Centre', municipalityCode: '242012' },
    adminName: 'Admin',
  });
  const worker = await h.token(boot.agency, 'staff');
  return { h, boot, worker };
}

/** Fails with the GraphQL errors or user errors when a mutation did not go through. */
export function ok<T>(result: GqlResult<Record<string, T>>, field: string): T & Record<string, unknown> {
  if (result.errors?.length) throw new Error(`${field}: ${JSON.stringify(result.errors)}`);
  const payload = result.data?.[field] as (T & { userErrors?: unknown[] }) | undefined;
  if (!payload) throw new Error(`${field}: no payload`);
  if (payload.userErrors?.length) throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
  return payload as T & Record<string, unknown>;
}
