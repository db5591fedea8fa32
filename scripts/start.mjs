// Starts the gateway on embedded SQLite with demo data.
console.error(
  'The GraphQL gateway is not yet available in this version: the domain library (packages/core) is.',
);
console.error(
  'Run the tests with: npx -y pnpm@10.34.9 install --frozen-lockfile && npx -y pnpm@10.34.9 test',
);
process.exit(1);
