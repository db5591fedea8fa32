import { builder } from './builder.ts';
import { connectionOfPage, pageRequestOf } from './connections.ts';
import { AuditOutcome } from './enums.ts';
import { read } from './errors.ts';
import { globalId, localId } from './ids.ts';
import { AuditEntryRef } from './refs.ts';

AuditEntryRef.implement({
  description:
    '監査記録: who did what to which record, when, and whether it was allowed. Ids only, no personal data.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    staffId: t.exposeID('staffId'),
    role: t.exposeString('role'),
    operation: t.exposeString('operation'),
    entity: t.exposeString('entity'),
    entityId: t.exposeID('entityId'),
    caseId: t.id({
      nullable: true,
      description: 'Global id of the case.',
      resolve: (e) => (e.caseId ? globalId('Case', e.caseId) : null),
    }),
    outcome: t.field({ type: AuditOutcome, resolve: (e) => e.outcome }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    caseId: t.id(),
    staffId: t.id(),
    operation: t.string(),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

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
              ...(f.staffId ? { staffId: String(f.staffId) } : {}),
              ...(f.operation ? { operation: f.operation } : {}),
              ...(f.from ? { from: f.from } : {}),
              ...(f.to ? { to: f.to } : {}),
            },
            pageRequestOf(args),
          );
          return connectionOfPage(page, args);
        }),
    },
    AuditEntryConnection,
  ),
);
