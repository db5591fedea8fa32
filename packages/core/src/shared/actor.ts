import { z } from 'zod';
import type { AgencyId, StaffId } from './ids.ts';

/** Roles of staff accounts. Every actor belongs to exactly one agency. */
export const StaffRole = {
  /** 担当職員 — caseworker */
  Staff: 'staff',
  /** スーパーバイザー — supervises caseworkers of the agency */
  Supervisor: 'supervisor',
  /** 機関管理者 — manages the agency's accounts */
  AgencyAdmin: 'agencyAdmin',
  /** 監査担当 — reads the audit log; sees case data only as the access rules allow */
  Auditor: 'auditor',
  /**
   * 参加記録担当 — runs group sessions (居場所・家族教室): records who attended and the unregistered
   * headcount at the agency's places, sees only the summary of the agency's cases, writes no casework.
   */
  Operator: 'operator',
} as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];
export const staffRoleSchema = z.enum(['staff', 'supervisor', 'agencyAdmin', 'auditor', 'operator']);

export const STAFF_ROLE_LABELS_JA: Readonly<Record<StaffRole, string>> = {
  staff: '担当職員',
  supervisor: 'スーパーバイザー',
  agencyAdmin: '機関管理者',
  auditor: '監査担当',
  operator: '参加記録担当',
};

/** Who is acting: recorded on every history entry and audit record. */
export interface Actor {
  readonly staffId: StaffId;
  readonly agencyId: AgencyId;
  readonly role: StaffRole;
}

export const actorSchema = z.object({
  staffId: z.string().min(1),
  agencyId: z.string().min(1),
  role: staffRoleSchema,
});
