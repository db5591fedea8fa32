// The floor: a hand-written handler answering the caseload page with one SQL statement (JSON built by
// PostgreSQL), with `--audit` writing one audit row per case listed in the same statement.
// argv: <url> <schema> [--audit]. Prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const [connectionString, schema, flag] = process.argv.slice(2);
if (!connectionString || !schema) throw new Error('usage: serve-sql <url> <schema> [--audit]');
const audit = flag === '--audit';
const pool = new pg.Pool({ connectionString, max: 20, options: `-c search_path="${schema}"` });

const PAGE = `
  SELECT c.* FROM "Case" c
  WHERE c."status" = 'active' AND (c."leadAgencyId" = $1
    OR EXISTS (SELECT 1 FROM "CaseSupportingAgency" s WHERE s."caseId" = c.id AND s."agencyId" = $1)
    OR EXISTS (SELECT 1 FROM "Referral" r WHERE r."caseId" = c.id AND r."toAgencyId" = $1 AND r.status = 'sent'))
  ORDER BY c."createdAt" DESC, c.id DESC LIMIT $2`;
const NODE = `json_build_object(
  'id', p.id, 'stage', p.stage, 'familyStage', p."familyStage", 'status', p.status, 'since', p."statusSince",
  'person', (SELECT json_build_object('displayName', pe."displayName") FROM "Person" pe WHERE pe.id = p."personId"),
  'lastContact', (SELECT json_build_object('occurredOn', x."occurredOn", 'channel', x.channel, 'personContact', x."personContact")
     FROM "Contact" x WHERE x."caseId" = p.id ORDER BY x."occurredOn" DESC, x."recordedAt" DESC, x.id DESC LIMIT 1),
  'latestAssessment', (SELECT json_build_object('assessedOn', a."assessedOn", 'scores', a.scores, 'stageHint', a."stageHint")
     FROM "Assessment" a WHERE a."caseId" = p.id ORDER BY a."assessedOn" DESC, a."recordedAt" DESC, a.id DESC LIMIT 1),
  'openReferrals', (SELECT COALESCE(json_agg(json_build_object('status', r.status, 'toAgency', ag.name) ORDER BY r."sentOn", r.id), '[]')
     FROM "Referral" r JOIN "Agency" ag ON ag.id = r."toAgencyId" WHERE r."caseId" = p.id AND r.status IN ('sent', 'accepted')),
  'reviewOverdue', EXISTS (SELECT 1 FROM "SupportPlan" sp WHERE sp."caseId" = p.id AND NOT sp.closed AND sp."reviewDueOn" < $3))`;
const SQL = audit
  ? `WITH page AS (${PAGE}),
     logged AS (INSERT INTO "AuditEntry" (id, at, "actorStaffId", "actorAgencyId", "actorRole", operation, entity, "entityId", "caseId", outcome)
       SELECT gen_random_uuid()::text, now(), $4, $1, 'staff', 'case.list', 'case', p.id, p.id, 'allowed' FROM page p)
     SELECT json_build_object('data', json_build_object('cases', COALESCE(json_agg(${NODE} ORDER BY p."createdAt" DESC, p.id DESC), '[]')))::text AS body FROM page p`
  : `SELECT json_build_object('data', json_build_object('cases', COALESCE(json_agg(${NODE} ORDER BY p."createdAt" DESC, p.id DESC), '[]')))::text AS body FROM (${PAGE}) p`;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const agency = url.searchParams.get('agency') ?? '';
  const first = Number(url.searchParams.get('first') ?? '20');
  const today = new Date().toISOString().slice(0, 10);
  const values = audit ? [agency, first, today, url.searchParams.get('staff') ?? ''] : [agency, first, today];
  request.resume();
  pool.query<{ body: string }>(SQL, values).then(
    (r) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(r.rows[0]?.body ?? '{}');
    },
    (error: Error) => {
      response.writeHead(500);
      response.end(error.message);
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  process.stderr.write(`${JSON.stringify({ problems: 0, rss: process.memoryUsage().rss })}\n`);
  server.closeAllConnections();
  server.close(() => void pool.end().then(() => process.exit(0)));
});
