// PostGraphile v4 over the same schema (argv[2]: connection string, argv[3]: schema): prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';

const [connectionString, schema] = process.argv.slice(2);
if (!connectionString || !schema) throw new Error('usage: serve-postgraphile <url> <schema>');
const server = createServer(
  postgraphile(connectionString, schema, {
    disableDefaultMutations: true,
    dynamicJson: true,
    disableQueryLog: true,
    retryOnInitFail: false,
  }),
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  process.stderr.write(`${JSON.stringify({ problems: 0, rss: process.memoryUsage().rss })}\n`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
