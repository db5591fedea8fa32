import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Register } from '@hikikomori-register/core';
import { type Database, DEFAULT_DATABASE_URL, openDatabase } from '../persistence/database.ts';
import { databaseOnboarding } from '../persistence/onboarding/database-onboarding.ts';
import { createDatabaseRegister } from '../persistence/register.ts';
import { PrismaStaffDirectory } from '../persistence/staff/prisma-staff-directory.ts';
import { createGateway, type Gateway, GRAPHQL_ENDPOINT, shutdownGracefully } from '../server/gateway.ts';
import { createHttpServer } from '../server/http-server.ts';
import { type GatewayLogger, jsonLogger } from '../server/logger.ts';
import { loadConsoleAssets } from '../server/staff-console.ts';
import { timedListener, traceServerCloses } from './bench-timing.ts';
import { type DemoRegister, loadDemo, prehashDemoPasswords } from './demo.ts';

export interface StartRegisterServerOptions {
  /** `file:` path → SQLite, `postgresql://` → PostgreSQL. Default: the SQLite file data/register.db. */
  readonly databaseUrl?: string;
  /** 0 picks a free port. Default 4000. */
  readonly port?: number;
  /** Default 127.0.0.1: a register is exposed to a network only on purpose. */
  readonly host?: string;
  /** Serve GraphiQL on GET /graphql (development). Default false. */
  readonly graphiql?: boolean;
  /** Fill an empty database with fictitious demo data and issue demo tokens. Default false. */
  readonly demo?: boolean | { readonly cases?: number };
  readonly logger?: GatewayLogger;
  readonly clock?: () => Date;
  /** How long in-flight requests may take to finish on close (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /** The staff console's build folder (packages/console/dist), served at `/`. Default: none. */
  readonly consoleDir?: string;
  /** Schema introspection without a token (see GatewayOptions). Default true. */
  readonly anonymousIntrospection?: boolean;
  /** Browser origins allowed to call from elsewhere (see GatewayOptions). Default none. */
  readonly corsOrigins?: readonly string[];
  /** Time spent per request and event-loop delay in a `Server-Timing` header (benchmarks only). */
  readonly benchTiming?: boolean;
}

export interface RunningRegisterServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  /** Scheme, host and port, e.g. http://127.0.0.1:4000. */
  readonly origin: string;
  readonly database: Database;
  readonly register: Register;
  readonly staff: PrismaStaffDirectory;
  readonly gateway: Gateway;
  readonly server: Server;
  /** What the demo loader did; null without `demo`. */
  readonly demo: DemoRegister | null;
  /** The staff console's address (the origin's `/`), or null when no console is served. */
  readonly consoleUrl: string | null;
  /** Graceful: stops accepting, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

/**
 * The gateway as a running service: opens (creating and migrating) the database, builds the register
 * and staff directory on it, optionally loads the demo, and listens on HTTP.
 */
export async function startRegisterServer(
  options: StartRegisterServerOptions = {},
): Promise<RunningRegisterServer> {
  const logger = options.logger ?? jsonLogger();
  // The demo's password hashes (scrypt, Node's thread pool) run while the database is opened.
  const demoPasswords = options.demo ? prehashDemoPasswords() : undefined;
  const database = await openDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL, {
    onMigrated: (report) => {
      if (report.applied.length > 0)
        logger.info({ event: 'database.migrated', applied: report.applied.length });
    },
  });
  try {
    const clock = options.clock;
    const register = await createDatabaseRegister(database, clock ? { clock } : {});
    const staff = new PrismaStaffDirectory(database, clock ? { clock } : {});
    const demo = options.demo
      ? await loadDemo({
          database,
          register,
          staff,
          ...(demoPasswords ? { passwords: demoPasswords } : {}),
          ...(clock ? { clock } : {}),
          ...(typeof options.demo === 'object' && options.demo.cases !== undefined
            ? { cases: options.demo.cases }
            : {}),
        })
      : null;
    const gateway = createGateway({
      register,
      staff,
      onboarding: databaseOnboarding(database, clock ? { clock } : {}),
      logger,
      graphiql: options.graphiql ?? false,
      // The demo's case worker token, so that GraphiQL opens ready to run the example query.
      ...(demo && options.graphiql ? { graphiqlToken: demo.workerToken } : {}),
      ...(options.anonymousIntrospection !== undefined
        ? { anonymousIntrospection: options.anonymousIntrospection }
        : {}),
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      readiness: () => database.ping(),
      ...(clock ? { clock } : {}),
      ...(options.consoleDir ? { console: await loadConsoleAssets(options.consoleDir) } : {}),
    });
    const server = createHttpServer(options.benchTiming ? timedListener(gateway) : gateway);
    if (options.benchTiming) traceServerCloses(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const origin = `http://${host}:${address.port}`;
    logger.info({ event: 'server.listening', port: address.port, database: database.target.provider });
    let closing: Promise<void> | undefined;
    return {
      url: `${origin}${GRAPHQL_ENDPOINT}`,
      origin,
      database,
      register,
      staff,
      gateway,
      server,
      demo,
      consoleUrl: options.consoleDir ? `${origin}/` : null,
      close: () => {
        closing ??= shutdownGracefully(server, {
          onClose: () => database.close(),
          timeoutMs: options.shutdownTimeoutMs ?? 10_000,
        });
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
