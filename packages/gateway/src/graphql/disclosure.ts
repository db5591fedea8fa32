import { disclosureCsv } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { enumFrom } from './enums.ts';
import { read } from './errors.ts';
import { localId } from './ids.ts';

const DisclosureAudience = enumFrom(
  'DisclosureAudience',
  ['person', 'family'] as const,
  'Who the record is disclosed to: walled notes stay behind their wall (開示制限).',
);
const DisclosureFormat = enumFrom(
  'DisclosureFormat',
  ['csv', 'json'] as const,
  'CSV for Excel (UTF-8 with BOM, CRLF, formula-safe cells, Japanese labels) or JSON (the register’s codes).',
);

interface DisclosureFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
  readonly withheldNotes: number;
  readonly preparedAt: string;
}

const DisclosureExport = builder.objectRef<DisclosureFile>('DisclosureExport').implement({
  description: '開示請求への回答: the file to hand over. `content` is the whole file as text.',
  fields: (t) => ({
    filename: t.exposeString('filename'),
    contentType: t.exposeString('contentType'),
    content: t.exposeString('content'),
    withheldNotes: t.exposeInt('withheldNotes', {
      description: 'Notes withheld from this audience by their wall (一部不開示).',
    }),
    preparedAt: t.field({ type: 'DateTime', resolve: (f) => new Date(f.preparedAt) }),
  }),
});

builder.queryField('disclosureExport', (t) =>
  t.field({
    type: DisclosureExport,
    nullable: true,
    description:
      "開示請求: one person's whole record for the person or the family, with the note walls applied. Only the lead agency's caseworkers (staff, supervisors) may prepare it; every export is audited (case.disclosure.export).",
    args: {
      caseId: t.arg.id({ required: true }),
      audience: t.arg({ type: DisclosureAudience, required: true }),
      format: t.arg({ type: DisclosureFormat, defaultValue: 'csv' }),
    },
    resolve: (_root, args, ctx) =>
      read(async () => {
        const caseId = localId('Case', String(args.caseId), 'caseId');
        const record = await ctx.register.disclosure.export(ctx.actor, caseId, { audience: args.audience });
        const json = args.format === 'json';
        return {
          filename: `disclosure-${record.preparedOn}-${args.audience}.${json ? 'json' : 'csv'}`,
          contentType: json ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
          content: json ? `${JSON.stringify(record, null, 2)}\n` : disclosureCsv(record),
          withheldNotes: record.withheldNotes,
          preparedAt: record.preparedAt,
        };
      }),
  }),
);
