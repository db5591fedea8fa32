import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * For the fuzz benchmark only (`GATEWAY_BENCH_TIMING=1`): every answer carries a `Server-Timing`
 * header with the CPU time spent on that request alone (`cpu`, in ms: the process's CPU time during
 * every callback run on its behalf, so requests in flight together are told apart, and time the
 * process waited for a CPU on a busy machine is not counted) and the event
 * loop's delay since the process started (`loop-p50`, `loop-p99`, `loop-max`), and the peaks of its
 * memory so far in MB (`mem-heapUsed`, `mem-heapTotal`, `mem-external`, `mem-arrayBuffers`,
 * `mem-rss`). It hooks every async
 * callback, which costs time of its own: never on in production.
 */
export function timedListener(listener: RequestListener): RequestListener {
  const store = new AsyncLocalStorage<{ ms: number }>();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = new Map<number, { readonly at: number; readonly timing: { ms: number } }>();
  /** CPU time of the process (user and system), in ms. */
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let depth = 0;
  createHook({
    before(asyncId) {
      // Nested callbacks are counted once, by the outermost.
      if (depth++ > 0) return;
      const timing = store.getStore();
      if (timing) started.set(asyncId, { at: cpuNow(), timing });
    },
    after(asyncId) {
      const entry = started.get(asyncId);
      if (entry) {
        started.delete(asyncId);
        entry.timing.ms += cpuNow() - entry.at;
      }
      depth = Math.max(0, depth - 1);
    },
  }).enable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  // The largest of each part of the process's memory so far (MB), sampled every 100 ms: the V8 heap,
  // memory outside it (external: strings and buffers handed to C++; arrayBuffers among them) and RSS.
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    for (const key of Object.keys(peak) as (keyof typeof peak)[])
      peak[key] = Math.max(peak[key], now[key] / 2 ** 20);
  };
  setInterval(sample, 100).unref();
  const memory = () =>
    Object.entries(peak)
      .map(([key, mb]) => `mem-${key};dur=${mb.toFixed(0)}`)
      .join(', ');
  return (request: IncomingMessage, response: ServerResponse) => {
    const timing = { ms: 0 };
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      this.setHeader(
        'server-timing',
        `cpu;dur=${timing.ms.toFixed(2)}, loop-p50;dur=${ms(loop.percentile(50))}, loop-p99;dur=${ms(loop.percentile(99))}, loop-max;dur=${ms(loop.max)}, ${memory()}`,
      );
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof response.writeHead;
    const at = cpuNow();
    depth += 1;
    try {
      store.run(timing, () => listener(request, response));
    } finally {
      depth -= 1;
      timing.ms += cpuNow() - at;
    }
  };
}

/**
 * For the fuzz benchmark only: writes a line to stderr for every connection closed without the
 * client having closed its side first, with its age, idle time, requests served, and the timeout or
 * error seen, to tell a keep-alive expiry from a destroyed socket.
 */
export function traceServerCloses(server: Server): void {
  const states = new WeakMap<Socket, { requests: number; lastActivity: number }>();
  server.on('request', (request: IncomingMessage) => {
    const state = states.get(request.socket);
    if (state) state.requests += 1;
  });
  server.on('connection', (socket: Socket) => {
    const opened = performance.now();
    const state = { requests: 0, lastActivity: opened };
    states.set(socket, state);
    let clientEnded = false;
    let timedOut = false;
    let error = '';
    socket.on('data', () => {
      state.lastActivity = performance.now();
    });
    socket.on('end', () => {
      clientEnded = true;
    });
    socket.on('timeout', () => {
      timedOut = true;
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      if (clientEnded) return;
      const now = performance.now();
      const entry = {
        event: 'bench.connection_closed_by_server',
        port: socket.remotePort,
        ageMs: Math.round(now - opened),
        idleMs: Math.round(now - state.lastActivity),
        requests: state.requests,
        timedOut,
        error,
      };
      process.stderr.write(`${JSON.stringify(entry)}\n`);
    });
  });
}
