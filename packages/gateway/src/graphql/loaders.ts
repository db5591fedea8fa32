import type {
  Actor,
  Agency,
  Assessment,
  AssessmentSummary,
  CaseHistory,
  CaseloadPart,
  CaseloadParts,
  CaseloadRequest,
  CaseView,
  Person,
  PersonSummary,
  PlanReviewDue,
  Referral,
  Register,
  StaffAssignment,
  SupportPlan,
  VisibleContact,
} from '@hikikomori-register/core';
import DataLoader from 'dataloader';

/**
 * Per-request loaders. A page of N cases asking for each case's person, last contact, latest
 * assessment, plans (review overdue) and open referrals costs one core call for all of those kinds
 * together (one transaction with a fixed number of statements), not N nor one per kind. Results are
 * cached for the request only and cleared after every mutation, so a payload never shows a record
 * from before the change.
 */
export interface Loaders {
  readonly cases: DataLoader<string, CaseView | null>;
  readonly persons: DataLoader<string, Person | null>;
  /** The same without the household, where a selection asks none. */
  readonly personSummaries: DataLoader<string, PersonSummary | null>;
  readonly lastContacts: DataLoader<string, VisibleContact | null>;
  readonly latestAssessments: DataLoader<string, Assessment | null>;
  /** The same without answers, where a selection asks none. */
  readonly latestAssessmentSummaries: DataLoader<string, AssessmentSummary | null>;
  readonly openReferrals: DataLoader<string, readonly Referral[]>;
  /** The agency directory (public, no personal data): one list per request serves every reference. */
  readonly agencies: DataLoader<string, Agency | null>;
  readonly plans: DataLoader<string, readonly SupportPlan[]>;
  /** When each plan of each case is due for review (`reviewOverdue`). */
  readonly reviewsDue: DataLoader<string, readonly PlanReviewDue[]>;
  /** 担当者 now of each case (summary section). */
  readonly assignees: DataLoader<string, readonly StaffAssignment[]>;
  /** Stage, family and status histories of a case, read once however many of them are asked. */
  readonly history: DataLoader<string, CaseHistory>;
  clearAll(): void;
}

interface Waiter {
  readonly ids: readonly string[];
  resolve(values: readonly unknown[]): void;
  reject(error: unknown): void;
}

/**
 * Gathers what the per-part loaders ask within one turn of the event loop and reads it with one
 * `batch.caseload` call: the parts nobody asked for are not read. DataLoader dispatches each loader
 * on its own schedule, and a field resolved a few promise steps later dispatches later still, so the
 * call waits for `setImmediate`, after every pending promise step of the current turn.
 */
export function caseloadBatcher(register: Register, actor: () => Actor) {
  let pending: Map<CaseloadPart, Waiter[]> | undefined;

  async function flush(asked: Map<CaseloadPart, Waiter[]>): Promise<void> {
    const request: { [P in CaseloadPart]?: string[] } = {};
    for (const [part, waiters] of asked) request[part] = [...new Set(waiters.flatMap((w) => w.ids))];
    try {
      const result = await register.batch.caseload(actor(), request as CaseloadRequest);
      for (const [part, waiters] of asked) {
        const ids = request[part] ?? [];
        const values = result[part] ?? [];
        const at = new Map(ids.map((id, i) => [id, values[i]]));
        for (const w of waiters) w.resolve(w.ids.map((id) => at.get(id)));
      }
    } catch (error) {
      for (const waiters of asked.values()) for (const w of waiters) w.reject(error);
    }
  }

  return function load<P extends CaseloadPart>(
    part: P,
    ids: readonly string[],
  ): Promise<readonly CaseloadParts[P][]> {
    return new Promise((resolve, reject) => {
      if (!pending) {
        const asked = new Map<CaseloadPart, Waiter[]>();
        pending = asked;
        setImmediate(() => {
          pending = undefined;
          void flush(asked);
        });
      }
      const waiters = pending.get(part) ?? [];
      pending.set(part, waiters);
      waiters.push({ ids, resolve: resolve as Waiter['resolve'], reject });
    });
  };
}

export function createLoaders(register: Register, actor: () => Actor): Loaders {
  const caseload = caseloadBatcher(register, actor);
  // DataLoader batches per tick: references resolved in different ticks (the actor's own agency,
  // then each referral's recipient) would each list the directory again.
  let directory: Promise<ReadonlyMap<string, Agency>> | undefined;
  const agencyDirectory = () => {
    directory ??= register.agencies.list(actor(), {}).then(
      (all) => new Map(all.map((a) => [a.id, a])),
      (error: unknown) => {
        directory = undefined;
        throw error;
      },
    );
    return directory;
  };
  const loaders = {
    cases: new DataLoader<string, CaseView | null>(async (ids) => register.cases.getMany(actor(), ids)),
    persons: new DataLoader<string, Person | null>((ids) => caseload('person', ids)),
    personSummaries: new DataLoader<string, PersonSummary | null>((ids) => caseload('personSummary', ids)),
    lastContacts: new DataLoader<string, VisibleContact | null>((ids) => caseload('lastContact', ids)),
    latestAssessments: new DataLoader<string, Assessment | null>((ids) => caseload('latestAssessment', ids)),
    latestAssessmentSummaries: new DataLoader<string, AssessmentSummary | null>((ids) =>
      caseload('latestAssessmentSummary', ids),
    ),
    openReferrals: new DataLoader<string, readonly Referral[]>((ids) => caseload('openReferrals', ids)),
    agencies: new DataLoader<string, Agency | null>(async (ids) => {
      const byId = await agencyDirectory();
      return ids.map((id) => byId.get(id) ?? null);
    }),
    plans: new DataLoader<string, readonly SupportPlan[]>((ids) => caseload('plans', ids)),
    reviewsDue: new DataLoader<string, readonly PlanReviewDue[]>((ids) => caseload('reviewsDue', ids)),
    assignees: new DataLoader<string, readonly StaffAssignment[]>((ids) => caseload('assignees', ids)),
    history: new DataLoader<string, CaseHistory>(async (ids) =>
      Promise.all(ids.map((id) => register.cases.history(actor(), id).catch((e: Error) => e))),
    ),
  };
  return {
    ...loaders,
    clearAll() {
      directory = undefined;
      for (const loader of Object.values(loaders)) loader.clearAll();
    },
  };
}

/** Hands the parts read with a caseload page to the loaders of those fields, by case id. */
export function primeCaseload(
  loaders: Loaders,
  caseIds: readonly string[],
  parts: { readonly [P in CaseloadPart]?: readonly CaseloadParts[P][] },
): void {
  const prime = <V>(loader: DataLoader<string, V>, values: readonly V[] | undefined) => {
    if (values)
      caseIds.forEach((id, i) => {
        loader.prime(id, values[i] as V);
      });
  };
  prime(loaders.persons, parts.person);
  prime(loaders.personSummaries, parts.personSummary);
  prime(loaders.lastContacts, parts.lastContact);
  prime(loaders.latestAssessments, parts.latestAssessment);
  prime(loaders.latestAssessmentSummaries, parts.latestAssessmentSummary);
  prime(loaders.plans, parts.plans);
  prime(loaders.reviewsDue, parts.reviewsDue);
  prime(loaders.openReferrals, parts.openReferrals);
}

/** Loads several keys; keys that fail or are not visible come back as null, in order. */
export async function loadAll<V>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<(V | null)[]> {
  return (await loader.loadMany(keys)).map((v) => (v instanceof Error ? null : v));
}

/**
 * `loadAll` for `node`/`nodes`: copies, since the node resolver marks each object with its type and
 * a loader's cached objects may be frozen.
 */
export async function loadCopies<V extends object>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<(V | null)[]> {
  return (await loadAll(loader, keys)).map((v) => (v ? { ...v } : null));
}

/** The loaded values that exist, in order. */
export async function loadPresent<V>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<V[]> {
  return (await loadAll(loader, keys)).filter((v): v is V => v !== null);
}
