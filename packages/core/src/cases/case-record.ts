import { z } from 'zod';
import type { CaseStatus, CaseStatusChange } from '../case-status/case-status.ts';
import { initialCaseStatus } from '../case-status/status-machine.ts';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput, VersionConflictError } from '../shared/errors.ts';
import type { AgencyId, CaseId, PersonId } from '../shared/ids.ts';
import { noteVisibilitySchema } from '../shared/note-visibility.ts';
import { text, textUpTo } from '../shared/text.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import { initialFamilyStage, initialSupportStage } from '../stages/stage-machine.ts';
import {
  type FamilyStage,
  familyStageSchema,
  type SupportStage,
  supportStageSchema,
} from '../stages/support-stage.ts';

/**
 * ケース: one person's support case in one municipality. The record holds the current stage, family
 * stage and status; their full histories are separate append-only lists (stage-history, status
 * history) that the repository stores beside it. Every change returns a new record with version + 1.
 */
export interface CaseRecord {
  readonly id: CaseId;
  readonly personId: PersonId;
  readonly municipalityCode: MunicipalityCode;
  /** 主担当機関: decides closure, reopening and lead handover. */
  readonly leadAgencyId: AgencyId;
  /** 協力機関: never contains the lead, never a duplicate. */
  readonly supportingAgencyIds: readonly AgencyId[];
  readonly openedOn: CalendarDate;
  /** The person's stage: always equals the last entry of the person's stage history. */
  readonly stage: SupportStage;
  /** The family's stage; null until the family track starts. */
  readonly familyStage: FamilyStage | null;
  readonly status: CaseStatus;
  /** Optimistic concurrency: starts at 1, +1 on every change. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Who acts and when: every case command takes it. */
export interface CaseCommandContext {
  readonly actor: Actor;
  readonly now: Date;
}

/** Opening a case: the repository chooses the new id. */
export interface OpenCaseContext extends CaseCommandContext {
  readonly caseId: CaseId;
  /**
   * Earliest direct contact with the person already known (e.g. a case taken over from another
   * municipality). Needed only to open beyond the encounter stage; defaults to none.
   */
  readonly firstDirectContactOn?: CalendarDate | null;
}

const idSchema = text('id');
export const expectedVersionSchema = z.number().int().min(1);
const noteSchema = textUpTo('longText')
  .nullish()
  .transform((v) => (v ? v : null));

export const openCaseInputSchema = z
  .object({
    personId: idSchema,
    municipalityCode: municipalityCodeSchema,
    leadAgencyId: idSchema,
    supportingAgencyIds: z.array(idSchema).default([]),
    openedOn: calendarDateSchema,
    /** Usually encounter; later stages need a direct contact on record (see OpenCaseContext). */
    initialStage: supportStageSchema.default('encounter'),
    /** Set when the family is consulting from the start (the common case: 58% of first contacts are a parent). */
    familyStage: familyStageSchema.nullish().transform((v) => v ?? null),
    /** Free text kept with the first stage entry: progress record (contacts section), not summary. */
    note: noteSchema,
    noteVisibility: noteVisibilitySchema.default('normal'),
  })
  .superRefine((input, ctx) => {
    input.supportingAgencyIds.forEach((id, i) => {
      if (id === input.leadAgencyId)
        ctx.addIssue({
          code: 'custom',
          path: ['supportingAgencyIds', i],
          message: 'the lead agency cannot also be a supporting agency',
          params: { rule: 'lead_not_supporting' },
        });
      else if (input.supportingAgencyIds.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['supportingAgencyIds', i],
          message: 'supporting agency listed twice',
          params: { rule: 'no_duplicate_agency' },
        });
    });
  });
export type OpenCaseInput = z.input<typeof openCaseInputSchema>;

export interface OpenedCase {
  readonly record: CaseRecord;
  /** First entry of the person's stage history. */
  readonly stageEntry: SupportStageChange;
  /** First entry of the family's stage history, when the family track starts with the case. */
  readonly familyStageEntry: FamilyStageChange | null;
  /** The `opened` status entry (active). */
  readonly statusEntry: CaseStatusChange;
}

/** 受付: open a case. Every case starts active; the histories start on `openedOn`. */
export function openCase(input: OpenCaseInput, ctx: OpenCaseContext): OpenedCase {
  const parsed = parseInput(openCaseInputSchema, input);
  const machineCtx = { caseId: ctx.caseId, caseOpenedOn: parsed.openedOn, actor: ctx.actor, now: ctx.now };
  // The machines name their own fields (effectiveOn, to); here those are openedOn and the stages.
  const stageEntry = withFields({ effectiveOn: 'openedOn', to: 'initialStage' }, () =>
    initialSupportStage(
      {
        stage: parsed.initialStage,
        effectiveOn: parsed.openedOn,
        note: parsed.note,
        noteVisibility: parsed.noteVisibility,
      },
      { ...machineCtx, firstDirectContactOn: ctx.firstDirectContactOn ?? null },
    ),
  );
  const familyStageEntry =
    parsed.familyStage === null
      ? null
      : withFields({ effectiveOn: 'openedOn', to: 'familyStage' }, () =>
          initialFamilyStage(
            { stage: parsed.familyStage as FamilyStage, effectiveOn: parsed.openedOn },
            machineCtx,
          ),
        );
  const statusEntry = withFields({ effectiveOn: 'openedOn' }, () =>
    initialCaseStatus({ effectiveOn: parsed.openedOn }, machineCtx),
  );
  return {
    record: {
      id: ctx.caseId,
      personId: parsed.personId,
      municipalityCode: parsed.municipalityCode,
      leadAgencyId: parsed.leadAgencyId,
      supportingAgencyIds: parsed.supportingAgencyIds,
      openedOn: parsed.openedOn,
      stage: stageEntry.to,
      familyStage: familyStageEntry?.to ?? null,
      status: { state: 'active', since: parsed.openedOn },
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
    stageEntry,
    familyStageEntry,
    statusEntry,
  };
}

function withFields<T>(fields: Record<string, string>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PreconditionError && e.field && fields[e.field])
      throw new PreconditionError(e.rule ?? 'precondition', e.message, fields[e.field]);
    throw e;
  }
}

/** Optimistic concurrency: refuse to change a record that moved on since the caller read it. */
export function assertExpectedVersion(record: CaseRecord, expectedVersion: number): void {
  if (record.version !== expectedVersion)
    throw new VersionConflictError('case', record.id, expectedVersion, record.version);
}

export function assertNotClosed(record: CaseRecord): void {
  if (record.status.state === 'closed')
    throw new PreconditionError('case_closed', `case ${record.id} is closed; reopen it first`);
}

/** The next version of a record after a change at `now`. */
export function nextCaseVersion(record: CaseRecord, changes: Partial<CaseRecord>, now: Date): CaseRecord {
  return { ...record, ...changes, version: record.version + 1, updatedAt: now };
}
