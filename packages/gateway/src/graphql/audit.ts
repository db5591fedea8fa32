import { type AuditEntry, type AuditQuery, parseInput, text } from '@hikikomori-register/core';
import { z } from 'zod';
import { builder } from './builder.ts';
import { connectionOfPage, pageRequestOf } from './connections.ts';
import type { GraphQLContext } from './context.ts';
import { AuditOutcome, CaseSection } from './enums.ts';
import { read } from './errors.ts';
import { globalId, localId, recordIdOf, scopedKey } from './ids.ts';
import { maxText } from './max-length.ts';
import { orWhenRefused, scopedRecord } from './nodes.ts';
import { AgencyRef, AuditEntryRef } from './refs.ts';

/**
 * An entry's key carries its instant and case (`at~caseId/entryId`): the log has no lookup by id,
 * so `node(id)` reads the one millisecond of the log the entry is in, through `auditLog` (the
 * actor's agency's log) and, for an entry of a case, `caseAuditTrail` (the lead agency's).
 */
function auditEntryKey(e: AuditEntry): string {
  return scopedKey(`${e.at.toISOString()}~${e.caseId ?? ''}`, e.id);
}

async function auditEntryByKey(ctx: GraphQLContext, key: string): Promise<AuditEntry | null> {
  return scopedRecord(key, async (scope) => {
    const [iso = '', caseId = ''] = scope.split('~');
    const from = new Date(iso);
    if (Number.isNaN(from.getTime())) return [];
    const window = { from, to: new Date(from.getTime() + 1) };
    const own = await orWhenRefused(ctx.register.audit.list(ctx.actor, window, { first: 100 }), null);
    const ofCase = caseId
      ? await orWhenRefused(ctx.register.audit.ofCase(ctx.actor, caseId, window, { first: 100 }), null)
      : null;
    return [...(own?.items ?? []), ...(ofCase?.items ?? [])];
  });
}

builder.node(AuditEntryRef, {
  description:
    '監査記録: who did what to which record, when, and whether it was allowed. Ids only, no personal data.',
  id: { resolve: auditEntryKey },
  loadOne: (key, ctx) => auditEntryByKey(ctx, key),
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    staffId: t.exposeID('staffId'),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      description: "The actor's agency (for the retention job: the case's lead agency).",
      resolve: (e, _a, ctx) => ctx.loaders.agencies.load(e.agencyId),
    }),
    role: t.exposeString('role', { description: 'A staff role, or `system` for maintenance jobs.' }),
    operation: t.exposeString('operation'),
    entity: t.exposeString('entity'),
    entityId: t.exposeID('entityId', {
      description: 'Plain id of the record acted on (`entity` names its kind).',
    }),
    caseId: t.id({
      nullable: true,
      description: 'Global id of the case.',
      resolve: (e) => (e.caseId ? globalId('Case', e.caseId) : null),
    }),
    sections: t.field({
      type: [CaseSection],
      description:
        'Sections of the case read besides what the operation names: a caseload page leaves one `case.list` entry per case listing the sections its fields read (person, contacts, plans …).',
      resolve: (e) => e.sections,
    }),
    outcome: t.field({ type: AuditOutcome, resolve: (e) => e.outcome }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    caseId: t.id(),
    staffId: t.id(),
    operation: t.string(maxText('name')),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

/** An operation name is held to the rule of names, like everything typed into the register. */
const operationFilter = z.object({ 'filter.operation': text('name') });

/** The filters both audit queries share: an operation and a time window (`to` exclusive). */
function operationAndTime(f: {
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
}): Pick<AuditQuery, 'operation' | 'from' | 'to'> {
  return {
    ...(f.operation
      ? { operation: parseInput(operationFilter, { 'filter.operation': f.operation })['filter.operation'] }
      : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

const AuditEntryConnection = builder.connectionObject(
  { type: AuditEntryRef, name: 'AuditEntryConnection' },
  { name: 'AuditEntryEdge' },
);
builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntryRef,
      description: "What the actor's agency's staff did, newest first (auditors and agency admins).",
      args: { filter: t.arg({ type: AuditFilter }) },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const f = args.filter ?? {};
          const page = await ctx.register.audit.list(
            ctx.actor,
            {
              ...(f.caseId ? { caseId: localId('Case', String(f.caseId), 'filter.caseId') } : {}),
              ...(f.staffId ? { staffId: recordIdOf('StaffMember', f.staffId, 'filter.staffId') } : {}),
              ...operationAndTime(f),
            },
            pageRequestOf(args),
          );
          return connectionOfPage(page, args, page.totalCount);
        }),
    },
    AuditEntryConnection,
  ),
);

const CaseAuditFilter = builder.inputType('CaseAuditFilter', {
  fields: (t) => ({
    agencyId: t.id({ description: "Only this agency's actions (e.g. another agency's reads)." }),
    operation: t.string(maxText('name')),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

builder.queryField('caseAuditTrail', (t) =>
  t.connection(
    {
      type: AuditEntryRef,
      description:
        "閲覧記録 of one case: every agency's reads and writes of it, newest first. For the lead agency only (any of its roles): it answers to the person for who has seen the record.",
      args: {
        caseId: t.arg.id({ required: true }),
        filter: t.arg({ type: CaseAuditFilter }),
      },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const f = args.filter ?? {};
          const page = await ctx.register.audit.ofCase(
            ctx.actor,
            localId('Case', String(args.caseId), 'caseId'),
            {
              ...(f.agencyId ? { agencyId: localId('Agency', String(f.agencyId), 'filter.agencyId') } : {}),
              ...operationAndTime(f),
            },
            pageRequestOf(args),
          );
          return connectionOfPage(page, args, page.totalCount);
        }),
    },
    AuditEntryConnection,
  ),
);
