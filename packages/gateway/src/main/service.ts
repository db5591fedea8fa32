// What `pnpm start` (root) runs, with --demo: the gateway on the embedded SQLite file with demo data.
// Deployments run it without --demo and with DATABASE_URL set; see the gateway README.
//   options: --demo  --port N (env PORT, default 4000)  --host H (env HOST, default 127.0.0.1)
//   env: DATABASE_URL (default file:data/register.db), GRAPHIQL=0|1 (default on except NODE_ENV=production),
//        CONSOLE_DIR (default packages/console/dist, built on install; CONSOLE_DIR= serves no console),
//        ANONYMOUS_INTROSPECTION=on|off (default on except NODE_ENV=production),
//        CORS_ORIGINS (comma-separated browser origins allowed cross-origin; default none),
//        GATEWAY_BENCH_TIMING=1 (per-request time and event-loop delay in Server-Timing; benchmarks only)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../persistence/database.ts';
import { repoRoot } from '../persistence/tooling/paths.ts';
import { describeError, jsonLogger } from '../server/logger.ts';
import { cliArgs } from './cli-args.ts';
import { type RunningRegisterServer, startRegisterServer } from './server.ts';

/**
 * Starts the service as the `start` command does (`src/main/start.ts`, or the bundle `bin/start.mjs`
 * runs): reads the options, starts the server, prints the banner and stops on SIGINT/SIGTERM.
 */
export async function runService(): Promise<void> {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
    },
  });

  const port = Number(values.port ?? process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port / PORT must be a port number, got ${values.port ?? process.env.PORT}`);
    process.exit(2);
  }
  const graphiql =
    process.env.GRAPHIQL !== undefined ? process.env.GRAPHIQL === '1' : process.env.NODE_ENV !== 'production';
  const anonymousIntrospection =
    process.env.ANONYMOUS_INTROSPECTION !== undefined
      ? process.env.ANONYMOUS_INTROSPECTION !== 'off'
      : process.env.NODE_ENV !== 'production';
  const corsOrigins = (process.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      console.error(`CORS_ORIGINS takes origins like https://portal.example.jp (no path), got ${origin}`);
      process.exit(2);
    }
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const consoleDir = process.env.CONSOLE_DIR ?? resolve(repoRoot, 'packages/console/dist');
  const consoleBuilt = consoleDir !== '' && existsSync(resolve(consoleDir, 'index.html'));
  const logger = jsonLogger();
  const startedAt = performance.now();

  let running: RunningRegisterServer;
  try {
    running = await startRegisterServer({
      databaseUrl,
      port,
      host: values.host ?? process.env.HOST ?? '127.0.0.1',
      graphiql,
      demo: values.demo,
      anonymousIntrospection,
      corsOrigins,
      benchTiming: process.env.GATEWAY_BENCH_TIMING === '1',
      logger,
      ...(consoleBuilt ? { consoleDir } : {}),
    });
  } catch (error) {
    logger.error({ event: 'server.start_failed', ...describeError(error) });
    // The message names the configuration problem (never a record), so the operator sees it.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    '',
    `ひきこもり支援ケース台帳 — GraphQL gateway on ${running.database.target.provider} (${redact(databaseUrl)}), ready in ${seconds} s`,
    running.consoleUrl
      ? `  Console   ${running.consoleUrl}   (ケース台帳 — staff sign in here)`
      : consoleDir
        ? `  Console   not built: npx -y pnpm@10.34.9 --filter @hikikomori-register/console build`
        : '  Console   off (CONSOLE_DIR is empty)',
    `  GraphQL   ${running.url}${graphiql ? '   (GraphiQL: open it in a browser)' : ''}`,
    `  Health    ${running.origin}/health   Ready ${running.origin}/ready`,
  ];
  if (running.demo) {
    const demo = running.demo;
    lines.push(
      '',
      `Demo register (fictitious data): ${demo.centre.name}, ${demo.cases} cases${demo.created ? ' loaded' : ''}.`,
      `Console sign-in (password set afresh at each start):`,
      `  case worker:   ${demo.signIn.workerLoginId}   password ${demo.signIn.password}`,
      `  supervisor:    ${demo.signIn.supervisorLoginId}  password ${demo.signIn.password}`,
      `  agency admin:  ${demo.signIn.adminLoginId}   password ${demo.signIn.password}`,
      '',
      `Tokens below are shown once and expire ${demo.tokensExpireAt.toISOString()}; only their hashes are stored.`,
      `  case worker (staff):    ${demo.workerToken}`,
      `  agency admin:           ${demo.adminToken}`,
      '',
      graphiql
        ? "GraphiQL's Headers tab is pre-filled with the case worker's token."
        : 'In GraphiQL, put this in the Headers tab:',
      ...(graphiql ? [] : [`  { "Authorization": "Bearer ${demo.workerToken}" }`]),
      'Or from a shell:',
      `  curl -s ${running.url} -H 'content-type: application/json' \\`,
      `    -H 'authorization: Bearer ${demo.workerToken}' \\`,
      `    -d '{"query":"{ me { displayName agency { name } } cases(first: 3) { edges { node { stage person { displayName } } } } }"}'`,
    );
  }
  lines.push('', 'Ctrl-C stops it (in-flight requests finish first).', '');
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ event: 'server.stopping', signal });
      running.close().then(
        () => {
          logger.info({ event: 'server.stopped' });
          process.exit(0);
        },
        (error) => {
          logger.error({ event: 'server.stop_failed', ...describeError(error) });
          process.exit(1);
        },
      );
    });
}

/** The URL without a password, if one was given. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.protocol === 'file:' ? url : parsed.toString();
  } catch {
    return url.startsWith('file:') ? url : '(unparsable url)';
  }
}
