import type {
  Actor,
  Agency,
  Assessment,
  CaseHistory,
  CaseView,
  Person,
  Referral,
  Register,
  SupportPlan,
  VisibleContact,
} from '@hikikomori-register/core';
import DataLoader from 'dataloader';

/**
 * Per-request loaders. A page of N cases asking for each case's person, last contact, latest
 * assessment, plans (review overdue) and open referrals costs one batched core call per kind (each one transaction with a
 * fixed number of statements), not N. Results are cached for the request only and cleared after
 * every mutation, so a payload never shows a record from before the change.
 */
export interface Loaders {
  readonly cases: DataLoader<string, CaseView | null>;
  readonly persons: DataLoader<string, Person | null>;
  readonly lastContacts: DataLoader<string, VisibleContact | null>;
  readonly latestAssessments: DataLoader<string, Assessment | null>;
  readonly openReferrals: DataLoader<string, readonly Referral[]>;
  /** The agency directory (public, no personal data): one list per request serves every reference. */
  readonly agencies: DataLoader<string, Agency | null>;
  /** Plans of each case: shared by `plans` and `reviewOverdue`. */
  readonly plans: DataLoader<string, readonly SupportPlan[]>;
  /** Stage, family and status histories of a case, read once however many of them are asked. */
  readonly history: DataLoader<string, CaseHistory>;
  clearAll(): void;
}

export function createLoaders(register: Register, actor: () => Actor): Loaders {
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
    persons: new DataLoader<string, Person | null>(async (ids) => register.batch.persons(actor(), ids)),
    lastContacts: new DataLoader<string, VisibleContact | null>(async (ids) =>
      register.batch.lastContacts(actor(), ids),
    ),
    latestAssessments: new DataLoader<string, Assessment | null>(async (ids) =>
      register.batch.latestAssessments(actor(), ids),
    ),
    openReferrals: new DataLoader<string, readonly Referral[]>(async (ids) =>
      register.batch.openReferrals(actor(), ids),
    ),
    agencies: new DataLoader<string, Agency | null>(async (ids) => {
      const byId = await agencyDirectory();
      return ids.map((id) => byId.get(id) ?? null);
    }),
    plans: new DataLoader<string, readonly SupportPlan[]>(async (ids) => register.batch.plans(actor(), ids)),
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

/** Loads several keys; keys that fail or are not visible come back as null, in order. */
export async function loadAll<V>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<(V | null)[]> {
  return (await loader.loadMany(keys)).map((v) => (v instanceof Error ? null : v));
}

/** The loaded values that exist, in order. */
export async function loadPresent<V>(
  loader: DataLoader<string, V | null>,
  keys: readonly string[],
): Promise<V[]> {
  return (await loadAll(loader, keys)).filter((v): v is V => v !== null);
}
