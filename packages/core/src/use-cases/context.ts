import type { AuditEntry } from '../ports/audit.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf } from '../shared/dates.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';

/** What the use-cases need from the outside world: storage, a clock and fresh ids. */
export interface RegisterDependencies {
  readonly unitOfWork: UnitOfWork;
  /** Defaults to the system clock. */
  readonly clock?: () => Date;
  /** Defaults to random UUIDs. */
  readonly newId?: () => string;
}

/** The record a use-case touched, for the audit log. */
export interface AuditTarget {
  readonly entity: string;
  readonly entityId: string;
  readonly caseId: CaseId | null;
  /**
   * The operation to log this record under when it is not the use-case's own: one transaction that
   * reads several kinds of record (a caseload page) still logs each read as what it was.
   */
  readonly operation?: string;
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
}

export function createRunner(deps: RegisterDependencies): UseCaseRunner {
  const now = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  const entry = (
    actor: Actor,
    operation: string,
    at: Date,
    t: AuditTarget,
    outcome: AuditEntry['outcome'],
  ) => ({
    id: newId(),
    at,
    staffId: actor.staffId,
    agencyId: actor.agencyId,
    role: actor.role,
    operation: t.operation ?? operation,
    entity: t.entity,
    entityId: t.entityId,
    caseId: t.caseId,
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
          const result = await body({
            repos,
            actor,
            now: at,
            today: calendarDateOf(at),
            newId,
            touched: (t) => trail.push(t),
          });
          const seen = new Set<string>();
          const unique = trail.filter((t) => {
            const key = `${t.operation ?? operation}:${t.entity}:${t.entityId}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
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

  return { now, newId, run: inScope('transaction'), read: inScope('read') };
}

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
