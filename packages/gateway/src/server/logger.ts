/**
 * Structured JSON logs. Entries carry ids, names and numbers only: never variables, tokens, query
 * text or anything from a case (the register holds 要配慮個人情報).
 */
export interface GatewayLogger {
  info(entry: Record<string, unknown>): void;
  warn(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

/** One JSON object per line on stdout (info) or stderr (warn, error). */
export function jsonLogger(
  write: (line: string, level: 'info' | 'warn' | 'error') => void = defaultWrite,
): GatewayLogger {
  const log = (level: 'info' | 'warn' | 'error') => (entry: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, ...entry }), level);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function defaultWrite(line: string, level: 'info' | 'warn' | 'error'): void {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** An error as a log may show it: its kind and where it came from, not its message (it may quote data). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 8);
  return { errorName: error.name, stack: frames.map((f) => f.trim()) };
}
