import { builder } from './builder.ts';
import { enumFrom } from './enums.ts';
import { AgencyRef } from './refs.ts';

/** 訂正 / 取消: the kind of a correction, one enum per corrected record. */
export function correctionKindEnum(name: string, description: string) {
  return enumFrom(name, ['amended', 'voided'] as const, description, { amended: '訂正', voided: '取消' });
}

interface VoidFields {
  readonly reason: string;
  readonly staffId: string;
  readonly agencyId: string;
  readonly at: Date;
}

/** 取消 of a record: who voided it, when and why — the same shape for every corrected record. */
export function voidObjectType<T extends VoidFields>(name: string, description: string) {
  return builder.objectRef<T>(name).implement({
    description,
    fields: (t) => ({
      reason: t.string({ resolve: (v) => v.reason }),
      staffId: t.id({ resolve: (v) => v.staffId }),
      agency: t.field({
        type: AgencyRef,
        nullable: true,
        resolve: (v, _a, ctx) => ctx.loaders.agencies.load(v.agencyId),
      }),
      at: t.field({ type: 'DateTime', resolve: (v) => v.at }),
    }),
  });
}
