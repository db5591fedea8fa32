import type { StaffRole } from '../shared/actor.ts';
import type { CaseSection } from '../shared/case-section.ts';
import type { AgencyId, CaseId, StaffId } from '../shared/ids.ts';

/**
 * 監査記録. Every read and write of case data leaves one entry: who (staff, agency, role), what
 * (operation and entity), which case, when, and whether it was allowed. A use-case that reads several
 * sections of a case (a caseload page: person, last contact, plans …) leaves ONE entry for that case
 * listing the sections read. Entries never hold personal data: ids and operation names only, so the
 * audit log itself is not 要配慮個人情報.
 */
export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly staffId: StaffId;
  readonly agencyId: AgencyId;
  readonly role: StaffRole | 'system';
  /** e.g. `case.read`, `case.list`, `contact.record`, `referral.accept`. */
  readonly operation: string;
  /** The kind of record touched: `case`, `contact`, `referral`, … */
  readonly entity: string;
  readonly entityId: string;
  /** The case the record belongs to, when it belongs to one. */
  readonly caseId: CaseId | null;
  /**
   * The sections of the case whose data the operation handed out besides what its name says (a
   * caseload page's `case.list` entry: `person`, `contacts`, `plans` …), in `ALL_CASE_SECTIONS`
   * order; empty when there is nothing more to say.
   */
  readonly sections: readonly CaseSection[];
  readonly outcome: 'allowed' | 'denied';
}

export interface AuditQuery {
  /** Entries of actors of this agency. */
  readonly agencyId?: AgencyId;
  readonly caseId?: CaseId;
  readonly staffId?: StaffId;
  readonly operation?: string;
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
}
