import type { AuditEntry } from '../ports/audit.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { ALL_CASE_SECTIONS, type CaseSection } from '../shared/case-section.ts';
import { type CalendarDate, calendarDateOf } from '../shared/dates.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { timeOrderedId } from '../shared/time-ordered-id.ts';

/** What the use-cases need from the outside world: storage, a clock and fresh ids. */
export interface RegisterDependencies {
  readonly unitOfWork: UnitOfWork;
  /** Defaults to the system clock. */
  readonly clock?: () => Date;
  /** Defaults to random UUIDs (audit entries: time-ordered UUIDs, see `timeOrderedId`). */
  readonly newId?: () => string;
}

/** The record a use-case touched, for the audit log. */
export interface AuditTarget {
  readonly entity: string;
  readonly entityId: string;
  readonly caseId: CaseId | null;
  /**
   * Sections of the record's case read (a caseload page's parts). Targets of the same record are
   * logged as one entry listing every section reported for it: a page of 20 cases writes 20 entries,
   * not one per case and part.
   */
  readonly sections?: readonly CaseSection[];
}

/** Handed to the body of a use-case: the transaction's repositories, the time, ids and the audit trail. */
export interface UseCaseScope {
  readonly repos: Repositories;
  readonly actor: Actor;
  readonly now: Date;
  /** Today in Japan (Asia/Tokyo), the calendar day staff work in. */
  readonly today: CalendarDate;
  newId(): string;
  /** Records that the use-case read or wrote this record; written with the transaction. */
  touched(target: AuditTarget): void;
  /** The entry `touched(target)` leaves, with a fresh id: for a store that writes it with its read. */
  auditEntryOf(target: AuditTarget): AuditEntry;
  /**
   * Records whose entries the store wrote with its read (committed with it, see `CaseloadAudit`): no
   * entry is written for them again, unless the use-case reported a section of one that its written
   * entry does not list — then the whole entry is written as usual, so that none goes missing.
   */
  auditedWithRead(targets: readonly AuditTarget[]): void;
}

export interface UseCaseRunner {
  /**
   * Runs `body` in one transaction. Every record the body reports through `touched` gets an audit
   * entry in the same transaction, so a write and its audit commit together. When access is refused,
   * a `denied` entry is written in a separate transaction (the refused work itself rolled back).
   */
  run<T>(
    actor: Actor,
    operation: string,
    target: AuditTarget | null,
    body: (scope: UseCaseScope) => Promise<T>,
  ): Promise<T>;
  /**
   * `run` for a body that only reads: it runs in the store's read path (no interactive transaction
   * where the store has one) and its audit entries are appended once, after the reads and before the
   * result is handed back. The body must not write.
   */
  read<T>(
    actor: Actor,
    operation: string,
    target: AuditTarget | null,
    body: (scope: UseCaseScope) => Promise<T>,
  ): Promise<T>;
  readonly now: () => Date;
  readonly newId: () => string;
  /** The id of an audit entry made at `at`. */
  readonly newAuditEntryId: (at: Date) => string;
}

export function createRunner(deps: RegisterDependencies): UseCaseRunner {
  const now = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  // The audit log is only ever appended to: ids in time order keep its primary key growing at one end.
  const newAuditEntryId: (at: Date) => string = deps.newId ?? timeOrderedId;
  const entry = (
    actor: Actor,
    operation: string,
    at: Date,
    t: AuditTarget,
    outcome: AuditEntry['outcome'],
  ): AuditEntry => ({
    id: newAuditEntryId(at),
    at,
    staffId: actor.staffId,
    agencyId: actor.agencyId,
    role: actor.role,
    operation,
    entity: t.entity,
    entityId: t.entityId,
    caseId: t.caseId,
    sections: t.sections ?? [],
    outcome,
  });

  const inScope =
    (mode: 'transaction' | 'read') =>
    async <T>(
      actor: Actor,
      operation: string,
      target: AuditTarget | null,
      body: (scope: UseCaseScope) => Promise<T>,
    ): Promise<T> => {
      const at = now();
      const unitOfWork = deps.unitOfWork;
      const open =
        mode === 'read' && unitOfWork.read
          ? unitOfWork.read.bind(unitOfWork)
          : unitOfWork.transaction.bind(unitOfWork);
      try {
        return await open(async (repos) => {
          const trail: AuditTarget[] = target ? [target] : [];
          const written: AuditTarget[] = [];
          const result = await body({
            repos,
            actor,
            now: at,
            today: calendarDateOf(at),
            newId,
            touched: (t) => trail.push(t),
            auditEntryOf: (t) => entry(actor, operation, at, t, 'allowed'),
            auditedWithRead: (targets) => written.push(...targets),
          });
          const unique = notYetWritten(oneTargetPerRecord(trail), written);
          if (unique.length > 0)
            await repos.audit.append(unique.map((t) => entry(actor, operation, at, t, 'allowed')));
          return result;
        });
      } catch (error) {
        if (error instanceof ForbiddenError && target)
          await unitOfWork.transaction((repos) =>
            repos.audit.append([entry(actor, operation, at, target, 'denied')]),
          );
        throw error;
      }
    };

  return { now, newId, newAuditEntryId, run: inScope('transaction'), read: inScope('read') };
}

/** Each section's bit in a record's set of sections read. */
const SECTION_BITS: ReadonlyMap<CaseSection, number> = new Map(ALL_CASE_SECTIONS.map((s, i) => [s, 1 << i]));

/**
 * The targets in the order first reported, one per record, each with every section reported for it.
 * A caseload page reports each case once per part read: records are found by entity then id, and
 * their sections kept as bits, so that this costs no string or set per report.
 */
function oneTargetPerRecord(trail: readonly AuditTarget[]): AuditTarget[] {
  const byEntity = new Map<string, Map<string, { target: AuditTarget; sections: number }>>();
  const records: { target: AuditTarget; sections: number }[] = [];
  for (const t of trail) {
    let byId = byEntity.get(t.entity);
    if (!byId) {
      byId = new Map();
      byEntity.set(t.entity, byId);
    }
    let seen = byId.get(t.entityId);
    if (!seen) {
      seen = { target: t, sections: 0 };
      byId.set(t.entityId, seen);
      records.push(seen);
    }
    seen.sections |= sectionBits(t.sections);
  }
  return records.map(({ target, sections }) => ({
    ...target,
    sections:
      sections === 0 ? [] : ALL_CASE_SECTIONS.filter((s) => (sections & (SECTION_BITS.get(s) ?? 0)) !== 0),
  }));
}

/** The targets whose record has no entry in `written` listing every section reported for it. */
function notYetWritten(targets: AuditTarget[], written: readonly AuditTarget[]): AuditTarget[] {
  if (written.length === 0) return targets;
  const listed = new Map(written.map((t) => [`${t.entity}\0${t.entityId}`, sectionBits(t.sections)]));
  return targets.filter((t) => {
    const bits = listed.get(`${t.entity}\0${t.entityId}`);
    return bits === undefined || (sectionBits(t.sections) & ~bits) !== 0;
  });
}

const sectionBits = (sections: readonly CaseSection[] = []): number =>
  sections.reduce((bits, s) => bits | (SECTION_BITS.get(s) ?? 0), 0);

/**
 * Re-raises a validation error of a nested input with its fields under `prefix` (e.g. `person.kana`),
 * so that a composite input's errors still name the exact field.
 */
export function underField<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError(
        error.issues.map((i) => ({ ...i, field: i.field ? `${prefix}.${i.field}` : prefix })),
      );
    if (error instanceof DomainError && error.field !== undefined && !(error instanceof ForbiddenError)) {
      Object.defineProperty(error, 'field', { value: `${prefix}.${error.field}` });
    }
    throw error;
  }
}

/** Loads a record or fails with `NotFoundError` naming the input field that pointed at it. */
export function found<T>(value: T | null | undefined, entity: string, id: string, field?: string): T {
  if (value === null || value === undefined) throw new NotFoundError(entity, id, field);
  return value;
}
