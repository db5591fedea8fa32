import type { LegalBasisRef } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { LegalBasisKind } from './enums.ts';
import { recordIdOf } from './ids.ts';

/** 情報共有の根拠, as every disclosure records it (referrals, supporting agencies, lead handovers). */
/** A legal basis with the case it was relied on for (a consent is a record of that case). */
export type LegalBasisOfCase = LegalBasisRef & { readonly caseId: string };

export const LegalBasis = builder.objectRef<LegalBasisOfCase>('LegalBasis').implement({
  description: 'What makes sharing lawful: a consent, or a 支援会議 both agencies sit in.',
  fields: (t) => ({
    kind: t.field({ type: LegalBasisKind, resolve: (b) => b.kind }),
    consentId: t.id({
      nullable: true,
      deprecationReason: 'Use `consent { id }`: this is the plain id, not the global one.',
      resolve: (b) => (b.kind === 'consent' ? b.consentId : null),
    }),
    supportMeetingId: t.id({
      nullable: true,
      deprecationReason: 'Use `supportMeeting { id }`: this is the plain id, not the global one.',
      resolve: (b) => (b.kind === 'supportMeeting' ? b.meetingId : null),
    }),
  }),
});

export const LegalBasisInput = builder.inputType('LegalBasisInput', {
  description: 'CONSENT with consentId, or SUPPORT_MEETING with supportMeetingId.',
  fields: (t) => ({
    kind: t.field({ type: LegalBasisKind, required: true }),
    consentId: t.id(),
    supportMeetingId: t.id(),
  }),
});

export function legalBasisOf(input: {
  kind: string;
  consentId?: string | number | null;
  supportMeetingId?: string | number | null;
}): LegalBasisRef {
  return input.kind === 'consent'
    ? { kind: 'consent', consentId: recordIdOf('Consent', input.consentId ?? '', 'legalBasis.consentId') }
    : {
        kind: 'supportMeeting',
        meetingId: recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'legalBasis.supportMeetingId'),
      };
}
