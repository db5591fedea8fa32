import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * For the fuzz benchmark only (`GATEWAY_BENCH_TIMING=1`): every answer carries a `Server-Timing`
 * header with the CPU time spent on that request alone (`cpu`, in ms: the process's CPU time during
 * every callback run on its behalf, so requests in flight together are told apart, and time the
 * process waited for a CPU on a busy machine is not counted) and the event
 * loop's delay since the process started (`loop-p50`, `loop-p99`, `loop-max`). It hooks every async
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
  return (request: IncomingMessage, response: ServerResponse) => {
    const timing = { ms: 0 };
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      this.setHeader(
        'server-timing',
        `cpu;dur=${timing.ms.toFixed(2)}, loop-p50;dur=${ms(loop.percentile(50))}, loop-p99;dur=${ms(loop.percentile(99))}, loop-max;dur=${ms(loop.max)}`,
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
