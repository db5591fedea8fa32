import { createServer, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * How long an idle kept-alive connection is told it may be reused (`Keep-Alive: timeout=5`), and how
 * long the server really keeps it. A client reuses an idle connection until the advertised time less
 * a margin of its own (Node's fetch: 2 s, checked by a timer of about 1 s resolution). Were the two
 * equal, as Node's default makes them, a client whose event loop was held up a second or two sends a
 * request on a connection in the very moment the server closes it, and that request fails with no
 * answer ("other side closed"). Holding connections twice as long as advertised leaves 5 s for that.
 */
export const KEEP_ALIVE_ADVERTISED_S = 5;
export const KEEP_ALIVE_MS = 10_000;

/** How long a refused connection is read and discarded before it is closed regardless. */
export const LINGER_MS = 2_000;

/** Node's parser errors (`HPE_*`, and its own timeouts) as an HTTP status and a refusal code. */
function refusalOf(code: string | undefined): {
  status: number;
  text: string;
  code: string;
  message: string;
} {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        text: 'Request Header Fields Too Large',
        code: 'HEADERS_TOO_LARGE',
        message: 'the URL and headers exceed 16 KB: send the operation by POST',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        text: 'Payload Too Large',
        code: 'PAYLOAD_TOO_LARGE',
        message: 'chunk extensions too large',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        text: 'Request Timeout',
        code: 'REQUEST_TIMEOUT',
        message: 'the request was not received in time',
      };
    default:
      return { status: 400, text: 'Bad Request', code: 'BAD_REQUEST', message: 'malformed HTTP request' };
  }
}

/**
 * Answers requests Node's HTTP parser refuses (a URL over the 16 KB header limit, a malformed request
 * line, a request that took too long) with a typed JSON refusal, and closes the connection gently.
 *
 * Node's own answer writes a bare status line and destroys the socket at once. When the client is
 * still sending (a GET whose URL is megabytes long), the unread bytes make the kernel reset the
 * connection, and the client can see the reset before the answer: the request then fails with no
 * HTTP answer at all. Here the answer is written, the sending side is closed, and whatever the client
 * still sends is read and discarded (the parser stays in its error state and keeps nothing) until the
 * client closes its side or `LINGER_MS` passes.
 */
function answerClientErrors(server: Server, lingerMs: number): void {
  const refused = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports the same error again for every later chunk of a refused connection.
    if (refused.has(socket)) return;
    refused.add(socket);
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    // A connection the client reset, or one with an answer already started, cannot take an answer.
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = refusalOf(error.code);
    const body = JSON.stringify({
      errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
    });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.text}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
    socket.on('error', () => socket.destroy());
  });
}

/**
 * The HTTP server of the gateway: idle connections kept longer than advertised, and requests the
 * parser refuses answered with a typed refusal (see `KEEP_ALIVE_MS` and `answerClientErrors`).
 */
export function createHttpServer(listener: RequestListener, options: { lingerMs?: number } = {}): Server {
  const advertised = `timeout=${KEEP_ALIVE_ADVERTISED_S}`;
  const server = createServer((request, response) => {
    // Set here, Node leaves out its own `Keep-Alive` header (which would say KEEP_ALIVE_MS).
    response.setHeader('keep-alive', advertised);
    listener(request, response);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  answerClientErrors(server, options.lingerMs ?? LINGER_MS);
  return server;
}
