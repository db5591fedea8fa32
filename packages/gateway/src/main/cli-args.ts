/**
 * The command's arguments without a leading `--`: `pnpm bootstrap -- --name …` (as the README
 * writes it) passes the separator through, and `parseArgs` would take everything after it as
 * positionals and refuse them.
 */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}
