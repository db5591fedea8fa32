import type { Agency, AgencyListFilter } from '@hikikomori-register/core';
import type { Database } from './database.ts';

/**
 * How long the read path serves the agency directory (支援機関一覧) without asking the database again.
 * Every write transaction of this process forgets it at once, so a write is seen by the next read;
 * an agency registered or renamed by another process is seen within this time. The directory is
 * public to every signed-in actor and holds no personal data; no authorization reads it (those read
 * one agency, uncached).
 */
export const AGENCY_DIRECTORY_TTL_MS = 5_000;

/**
 * The whole agency directory, kept between reads: most pages name agencies (the actor's own, each
 * referral's recipient), and listing the directory was a statement of every such page.
 */
export class AgencyDirectory {
  private kept: { readonly list: Promise<readonly Agency[]>; readonly until: number } | undefined;

  constructor(
    private readonly ttlMs: number = AGENCY_DIRECTORY_TTL_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * The directory, read with `read` when not kept (or kept too long). Callers at the same time share
   * one read. The agencies are frozen: every later caller gets the same objects.
   */
  list(read: () => Promise<readonly Agency[]>): Promise<readonly Agency[]> {
    const now = this.clock();
    if (this.kept && this.kept.until > now) return this.kept.list;
    const list = read().then((all) => Object.freeze(all.map((a) => Object.freeze(a))));
    const kept = { list, until: now + this.ttlMs };
    this.kept = kept;
    list.catch(() => {
      if (this.kept === kept) this.kept = undefined;
    });
    return list;
  }

  /**
   * After a write: the next caller reads again. A read already on its way may have started before the
   * write committed, so it serves only the callers that asked before this.
   */
  forget(): void {
    this.kept = undefined;
  }
}

/** Only the whole directory is kept; a filtered list is a statement of its own. */
export const isWholeDirectory = (filter: AgencyListFilter): boolean =>
  Object.values(filter).every((v) => v === undefined);

const directories = new WeakMap<Database, AgencyDirectory>();

/** The directory kept for this database (one per opened database, shared by its registers). */
export function agencyDirectoryOf(database: Database): AgencyDirectory {
  let directory = directories.get(database);
  if (!directory) {
    directory = new AgencyDirectory();
    directories.set(database, directory);
  }
  return directory;
}
