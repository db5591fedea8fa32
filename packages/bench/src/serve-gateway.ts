// The gateway as `pnpm start` builds it (createGateway on a node:http server; the bench passes start's V8
// flags), on a database URL given as argv[2], its request log counted, not written: prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDatabaseRegister,
  createGateway,
  openDatabase,
  PrismaStaffDirectory,
} from '@hikikomori-register/gateway';
import { countingLogger } from './bench-support.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: serve-gateway <database url>');
const db = await openDatabase(url);
const register = await createDatabaseRegister(db);
const { logger, problems } = countingLogger();
const server = createServer(
  createGateway({ register, staff: new PrismaStaffDirectory(db), logger, readiness: () => db.ping() }),
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  process.stderr.write(`${JSON.stringify({ problems: problems(), rss: process.memoryUsage().rss })}\n`);
  server.closeAllConnections();
  server.close(() => void db.close().then(() => process.exit(0)));
});
