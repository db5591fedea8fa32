import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';

const require = createRequire(import.meta.url);
const startScript = fileURLToPath(new URL('./start.ts', import.meta.url));
const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

// A stand-in for the console build: the real console is driven in a browser by its own tests.
let consoleDir = '';
beforeAll(async () => {
  consoleDir = await mkdtemp(join(tmpdir(), 'console-build-'));
  await writeFile(join(consoleDir, 'index.html'), '<!doctype html><title>ケース台帳</title>');
});
afterAll(() => rm(consoleDir, { recursive: true, force: true }));

/** Starts `start.ts --demo` as `pnpm start` does and waits for its banner. */
async function startMainJob(databaseUrl: string) {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), startScript, '--demo'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      NODE_ENV: 'development',
      CONSOLE_DIR: consoleDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Ctrl-C stops it')) {
        clearInterval(timer);
        resolve(output);
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}: ${output}`));
    });
  });
  const url = /GraphQL\s+(http:\/\/\S+\/graphql)/.exec(banner)?.[1] ?? '';
  const token = /case worker \(staff\):\s+(hkr_\S+)/.exec(banner)?.[1] ?? '';
  const consoleUrl = /Console\s+(http:\/\/\S+\/)\s/.exec(banner)?.[1] ?? '';
  const signIn = /case worker:\s+(\S+)\s+password (\S+)/.exec(banner);
  return {
    child,
    url,
    token,
    consoleUrl,
    loginId: signIn?.[1] ?? '',
    password: signIn?.[2] ?? '',
    output: () => output,
  };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('pnpm start: the main job as a process', () => {
  // A child process on a busy CI machine: migrating, seeding and starting take longer than the default.
  it('migrates, loads the demo, serves GraphiQL offline and a demo query, and stops cleanly on Ctrl-C', async () => {
    const job = await startMainJob(await databases.create());
    try {
      expect(job.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(job.token).toMatch(/^hkr_/);

      const page = await fetch(job.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toContain('unpkg.com');
      // GraphiQL opens with the demo's working token in its Headers tab (a header a browser can send).
      const preset = /"headers":"(\{\\"Authorization(?:[^"\\]|\\.)*)"/.exec(html)?.[1] ?? '';
      const headers = JSON.parse(JSON.parse(`"${preset}"`)) as { Authorization: string };
      expect(headers.Authorization).toBe(`Bearer ${job.token}`);
      expect(headers.Authorization).toMatch(/^[\x20-\x7e]+$/);

      const answer = await fetch(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
        body: JSON.stringify({ query: '{ me { role } cases(first: 5) { edges { node { stage } } } }' }),
      });
      const body = (await answer.json()) as { data?: { me: { role: string }; cases: { edges: unknown[] } } };
      expect(body.data?.me.role).toBe('STAFF');
      expect(body.data?.cases.edges.length).toBeGreaterThan(0);

      // The console at `/`, and the printed demo sign-in works there.
      expect(job.consoleUrl).toBe(job.url.replace(/graphql$/, ''));
      expect(await (await fetch(job.consoleUrl)).text()).toContain('ケース台帳');
      const signedIn = await fetch(new URL('/auth/sign-in', job.consoleUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ loginId: job.loginId, password: job.password }),
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).toMatch(/^hkr_session=hks_/);
    } finally {
      expect(await stop(job.child)).toBe(0);
    }
    expect(job.output()).toContain('"event":"server.stopped"');
    // The printed tokens appear once, in the banner; the JSON log lines never carry them.
    const logLines = job
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(logLines.join('\n')).not.toContain(job.token);
    expect(logLines.join('\n')).not.toContain(job.password);
  }, 90_000);
});
