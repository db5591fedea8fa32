import type { Agency as AgencyRecord } from '@hikikomori-register/core';
import { agencyKindInfo } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { connectionOfList } from './connections.ts';
import { AgencyKind, AgencySector } from './enums.ts';
import { read } from './errors.ts';
import { localId } from './ids.ts';
import { loadAll } from './loaders.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { AgencyRef } from './refs.ts';

export const Agency = AgencyRef;

builder.node(Agency, {
  description:
    'A support agency (支援機関). The directory is public to every signed-in actor: no personal data.',
  id: { resolve: (a) => a.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.agencies, ids),
  fields: (t) => ({
    kind: t.field({ type: AgencyKind, resolve: (a) => a.kind }),
    sector: t.field({ type: AgencySector, resolve: (a) => agencyKindInfo(a.kind).sector }),
    name: t.exposeString('name'),
    municipalityCode: t.exposeString('municipalityCode'),
    area: t.exposeString('area', { nullable: true }),
    services: t.exposeStringList('services'),
    active: t.exposeBoolean('active'),
  }),
});

const AgencyFilter = builder.inputType('AgencyFilter', {
  fields: (t) => ({
    kind: t.field({ type: AgencyKind }),
    municipalityCode: t.string(),
    activeOnly: t.boolean(),
  }),
});

const AgencyConnection = builder.connectionObject(
  { type: Agency, name: 'AgencyConnection' },
  { name: 'AgencyEdge' },
);
builder.queryFields((t) => ({
  agency: t.field({
    type: Agency,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(async () => ctx.loaders.agencies.load(localId('Agency', String(args.id), 'id'))),
  }),
  agencies: t.connection(
    {
      type: Agency,
      description: 'The agency directory, by name then id.',
      args: { filter: t.arg({ type: AgencyFilter }) },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const list = await ctx.register.agencies.list(ctx.actor, compact(args.filter ?? {}));
          return connectionOfList(list, args, (a) => a.id);
        }),
    },
    AgencyConnection,
  ),
}));

const AgencyInput = builder.inputType('RegisterAgencyInput', {
  fields: (t) => ({
    kind: t.field({ type: AgencyKind, required: true }),
    name: t.string({ required: true }),
    municipalityCode: t.string({ required: true }),
    area: t.string(),
    services: t.stringList(),
    active: t.boolean(),
  }),
});

const UpdateAgencyInput = builder.inputType('UpdateAgencyInput', {
  description: 'Only the fields given change; `area: null` clears the area.',
  fields: (t) => ({
    agencyId: t.id({ required: true }),
    kind: t.field({ type: AgencyKind }),
    name: t.string(),
    municipalityCode: t.string(),
    area: t.string(),
    services: t.stringList(),
    active: t.boolean(),
  }),
});

const AgencyPayload = payloadType<AgencyRecord>('AgencyPayload', 'The agency after the change.', {
  agency: { type: Agency, pick: (a) => a },
});

builder.mutationFields((t) => ({
  registerAgency: t.field({
    type: AgencyPayload,
    description: 'An agency admin registers another agency of the network.',
    args: { input: t.arg({ type: AgencyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => ctx.register.agencies.register(ctx.actor, compact(input))),
  }),
  updateAgency: t.field({
    type: AgencyPayload,
    description: "An agency's own admin keeps its entry up to date.",
    args: { input: t.arg({ type: UpdateAgencyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const { agencyId, ...changes } = input;
        const id = localId('Agency', String(agencyId), 'agencyId');
        const { area, ...rest } = changes;
        return ctx.register.agencies.update(ctx.actor, id, {
          ...compact(rest),
          ...(area !== undefined ? { area } : {}),
        });
      }),
  }),
}));
