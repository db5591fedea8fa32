import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, KEEP_ALIVE_ADVERTISED_S, KEEP_ALIVE_MS } from './http-server.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

let server: Server;
async function listening(lingerMs?: number): Promise<number> {
  server = createHttpServer((_req, res) => res.end('{}'), lingerMs === undefined ? {} : { lingerMs });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
const openConnections = () =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );

/** A raw client that, like an HTTP client writing a long request, keeps sending after an answer. */
async function rawClient(port: number) {
  const socket: Socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await new Promise((resolve) => socket.once('connect', resolve));
  const received: Buffer[] = [];
  const state = { error: null as NodeJS.ErrnoException | null, ended: false };
  socket.on('data', (d: Buffer) => received.push(d));
  socket.on('error', (e) => {
    state.error = e;
  });
  socket.on('end', () => {
    state.ended = true;
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const text = () => Buffer.concat(received).toString('utf8');
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  };
  return { socket, state, closed, text, until };
}

const answerBody = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describe('requests refused by the HTTP parser', () => {
  it('a URL over the header limit gets a typed 431, and the client may go on sending without a reset', async () => {
    const client = await rawClient(await listening());
    client.socket.write(`GET /graphql?query=${'x'.repeat(20_000)}`);
    await client.until(() => client.text().includes('\r\n\r\n{'));
    // The rest of a long URL still arrives after the answer: it is read and discarded. Node's own
    // answer destroyed the socket here, and these writes met a reset (ECONNRESET / EPIPE).
    for (let i = 0; i < 10; i++) {
      client.socket.write('x'.repeat(64_000));
      await new Promise((r) => setTimeout(r, 10));
    }
    client.socket.end(' HTTP/1.1\r\nhost: x\r\n\r\n');
    await client.closed;
    expect(client.state.error).toBeNull();
    expect(client.state.ended).toBe(true);
    expect(client.text()).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(client.text()).toContain('\r\nConnection: close\r\n');
    expect(answerBody(client.text())).toEqual({
      errors: [{ message: expect.stringContaining('POST'), extensions: { code: 'HEADERS_TOO_LARGE' } }],
    });
  });

  it('a malformed request line gets a typed 400', async () => {
    const client = await rawClient(await listening());
    client.socket.end('NOT HTTP\r\n\r\n');
    await client.closed;
    expect(client.state.error).toBeNull();
    expect(client.text()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answerBody(client.text()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('closes a refused connection the client keeps open once the linger time has passed', async () => {
    const client = await rawClient(await listening(100));
    client.socket.write(`GET /${'x'.repeat(20_000)}`);
    await client.until(() => client.state.ended);
    expect(client.text()).toMatch(/^HTTP\/1\.1 431 /);
    // The client neither sends more nor closes: the gateway lets go of the connection on its own.
    expect(await openConnections()).toBe(1);
    let open = 1;
    for (let i = 0; i < 100 && open > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      open = await openConnections();
    }
    expect(open).toBe(0);
    client.socket.destroy();
  });

  it('answers again on a kept-alive connection after a good request', async () => {
    const client = await rawClient(await listening());
    client.socket.write('GET /health HTTP/1.1\r\nhost: x\r\n\r\n');
    await client.until(() => client.text().includes('{}'));
    client.socket.write(`GET /graphql?query=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
    client.socket.end();
    await client.closed;
    expect(client.state.error).toBeNull();
    expect(client.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{\}HTTP\/1\.1 431 /);
  });
});

describe('kept-alive connections', () => {
  it('advertise a shorter idle time than the server keeps them', async () => {
    const port = await listening();
    const response = await fetch(`http://127.0.0.1:${port}/`);
    await response.text();
    expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_ADVERTISED_S}`);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(KEEP_ALIVE_MS - KEEP_ALIVE_ADVERTISED_S * 1000).toBeGreaterThanOrEqual(5_000);
  });

  it('a connection idle for the advertised time is still open', async () => {
    const client = await rawClient(await listening());
    client.socket.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n');
    await client.until(() => client.text().includes('{}'));
    await new Promise((r) => setTimeout(r, KEEP_ALIVE_ADVERTISED_S * 1000 + 500));
    client.socket.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n');
    await client.until(() => client.text().split('{}').length === 3);
    expect(client.state.error).toBeNull();
    expect(client.text().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    client.socket.destroy();
  }, 15_000);
});
