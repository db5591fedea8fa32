// What the caseload benchmarks share: their whole-number options and a gateway log that counts
// problems instead of writing lines.
import type { GatewayLogger } from '@hikikomori-register/gateway';

/** `--name`'s value as a whole number ≥ 1, or an error naming the option. */
export function wholeNumber(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number ≥ 1`);
  return n;
}

/** Request lines are counted, not written: a benchmark measures the gateway, not a terminal. */
export function countingLogger(): { logger: GatewayLogger; problems(): number } {
  let problems = 0;
  const problem = () => {
    problems++;
  };
  return { logger: { info: () => {}, warn: problem, error: problem }, problems: () => problems };
}
