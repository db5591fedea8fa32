import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';

const require = createRequire(import.meta.url);
const startScript = fileURLToPath(new URL('./start.ts', import.meta.url));
const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

/** Starts `start.ts --demo` as `pnpm start` does and waits for its banner. */
async function startMainJob(databaseUrl: string) {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), startScript, '--demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'development' },
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
  return { child, url, token, output: () => output };
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
      expect(await page.text()).not.toContain('unpkg.com');

      const answer = await fetch(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
        body: JSON.stringify({ query: '{ me { role } cases(first: 5) { edges { node { stage } } } }' }),
      });
      const body = (await answer.json()) as { data?: { me: { role: string }; cases: { edges: unknown[] } } };
      expect(body.data?.me.role).toBe('STAFF');
      expect(body.data?.cases.edges.length).toBeGreaterThan(0);
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
  }, 90_000);
});
