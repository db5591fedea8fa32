import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, PlaceId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';

/** What kind of group place or host a `Place` is (社会参加の場). */
export const PlaceKind = {
  Ibasho: 'ibasho', // 居場所
  OnlineIbasho: 'onlineIbasho', // オンライン居場所（電子居場所）
  FamilyClass: 'familyClass', // 家族教室
  FamilyAssociation: 'familyAssociation', // 家族会（例：虹の会）
  PeerGroup: 'peerGroup', // ピアサポートグループ・当事者会
  WorkExperienceHost: 'workExperienceHost', // 職場体験受入先（職親）
} as const;
export type PlaceKind = (typeof PlaceKind)[keyof typeof PlaceKind];
export const PLACE_KINDS: readonly PlaceKind[] = Object.values(PlaceKind);
export const placeKindSchema = z.enum([
  'ibasho',
  'onlineIbasho',
  'familyClass',
  'familyAssociation',
  'peerGroup',
  'workExperienceHost',
]);

export const PLACE_KIND_LABELS_JA: Readonly<Record<PlaceKind, string>> = {
  ibasho: '居場所',
  onlineIbasho: 'オンライン居場所',
  familyClass: '家族教室',
  familyAssociation: '家族会',
  peerGroup: 'ピアサポートグループ',
  workExperienceHost: '職場体験受入先',
};

/** A place, group or host employer run (or registered) by an agency. */
export interface Place {
  readonly id: PlaceId;
  /** The operating agency (運営主体); for a host employer, the agency that registered it. */
  readonly agencyId: AgencyId;
  readonly kind: PlaceKind;
  readonly name: string;
  /** Where it is held; null for places with no home municipality (online-only, prefecture-wide). */
  readonly municipalityCode: MunicipalityCode | null;
  /** Held online (a video call or virtual space). An オンライン居場所 is always online. */
  readonly online: boolean;
  /** Inactive places stay on record (attendance points at them) but take no new programmes. */
  readonly active: boolean;
}

const nameSchema = text('name');

/** Rule beyond shapes: an `onlineIbasho` is online (`online_kind`, field `online`). */
export const placeInputSchema = z
  .object({
    agencyId: text('id'),
    kind: placeKindSchema,
    name: nameSchema,
    municipalityCode: municipalityCodeSchema.nullish().transform((v) => v ?? null),
    online: z.boolean().optional(),
    active: z.boolean().default(true),
  })
  .transform((v) => ({ ...v, online: v.online ?? v.kind === 'onlineIbasho' }))
  .superRefine((v, ctx) => {
    if (v.kind === 'onlineIbasho' && !v.online)
      ctx.addIssue({
        code: 'custom',
        path: ['online'],
        message: 'an online ibasho is held online',
        params: { rule: 'online_kind' },
      });
  });
export type PlaceInput = z.input<typeof placeInputSchema>;

/** A partial update: only the fields given change. `municipalityCode: null` clears it. */
export const placeUpdateInputSchema = z.object({
  kind: placeKindSchema.optional(),
  name: nameSchema.optional(),
  municipalityCode: municipalityCodeSchema.nullable().optional(),
  online: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type PlaceUpdateInput = z.input<typeof placeUpdateInputSchema>;

export function createPlace(id: PlaceId, input: PlaceInput): Place {
  if (!id) throw new PreconditionError('id_given', 'a new place needs an id', 'id');
  const parsed = parseInput(placeInputSchema, input);
  return {
    id,
    agencyId: parsed.agencyId,
    kind: parsed.kind,
    name: parsed.name,
    municipalityCode: parsed.municipalityCode,
    online: parsed.online,
    active: parsed.active,
  };
}

export function updatePlace(place: Place, input: PlaceUpdateInput): Place {
  const parsed = parseInput(placeUpdateInputSchema, input);
  const next: { -readonly [K in keyof Place]: Place[K] } = { ...place };
  if (parsed.kind !== undefined) next.kind = parsed.kind;
  if (parsed.name !== undefined) next.name = parsed.name;
  if (parsed.municipalityCode !== undefined) next.municipalityCode = parsed.municipalityCode;
  if (parsed.online !== undefined) next.online = parsed.online;
  if (parsed.active !== undefined) next.active = parsed.active;
  if (next.kind === 'onlineIbasho' && !next.online)
    throw new PreconditionError('online_kind', 'an online ibasho is held online', 'online');
  return next;
}
