import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';
import { type AgencyKind, agencyKindSchema } from './agency-kind.ts';

/** A support agency (支援機関) taking part in the register. */
export interface Agency {
  readonly id: AgencyId;
  readonly kind: AgencyKind;
  readonly name: string;
  /** The municipality (or prefecture, xx000y) that runs or hosts the agency. */
  readonly municipalityCode: MunicipalityCode;
  /** 圏域: the prefecture's regional network the agency belongs to (e.g. 北勢); null when none. */
  readonly area: string | null;
  /** What the agency offers, in its own words (e.g. 訪問支援, 家族教室, 居場所). */
  readonly services: readonly string[];
  /** Inactive agencies stay on record (history points at them) but receive no new referrals. */
  readonly active: boolean;
  /**
   * The network's coordinating agency (the first one registered, usually the prefecture's hikikomori
   * regional support centre): its agency admin is the network administrator (see access rules).
   */
  readonly networkCoordinator: boolean;
}

const nameSchema = text('name');
const areaSchema = textUpTo('name')
  .nullish()
  .transform((v) => (v ? v : null));
/** Services are trimmed, blank ones dropped, duplicates removed (order kept). */
const servicesSchema = z
  .array(textUpTo('name'))
  .max(100)
  .transform((list) => [...new Set(list.filter((s) => s.length > 0))]);

export const agencyInputSchema = z.object({
  kind: agencyKindSchema,
  name: nameSchema,
  municipalityCode: municipalityCodeSchema,
  area: areaSchema,
  services: servicesSchema.default([]),
  active: z.boolean().default(true),
});
export type AgencyInput = z.input<typeof agencyInputSchema>;

/** A partial update: only the fields given change. `area: null` clears the area. */
export const agencyUpdateInputSchema = z.object({
  kind: agencyKindSchema.optional(),
  name: nameSchema.optional(),
  municipalityCode: municipalityCodeSchema.optional(),
  area: textUpTo('name')
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null)),
  services: servicesSchema.optional(),
  active: z.boolean().optional(),
});
export type AgencyUpdateInput = z.input<typeof agencyUpdateInputSchema>;

export function createAgency(id: AgencyId, input: AgencyInput, networkCoordinator = false): Agency {
  if (!id) throw new PreconditionError('id_given', 'a new agency needs an id', 'id');
  const parsed = parseInput(agencyInputSchema, input);
  return { id, ...parsed, networkCoordinator };
}

export function updateAgency(agency: Agency, input: AgencyUpdateInput): Agency {
  const parsed = parseInput(agencyUpdateInputSchema, input);
  const next: { -readonly [K in keyof Agency]: Agency[K] } = { ...agency };
  if (parsed.kind !== undefined) next.kind = parsed.kind;
  if (parsed.name !== undefined) next.name = parsed.name;
  if (parsed.municipalityCode !== undefined) next.municipalityCode = parsed.municipalityCode;
  if (parsed.area !== undefined) next.area = parsed.area;
  if (parsed.services !== undefined) next.services = parsed.services;
  if (parsed.active !== undefined) next.active = parsed.active;
  return next;
}
