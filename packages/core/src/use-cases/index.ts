export type { CaseloadPart, CaseloadParts, CaseloadRequest, CaseloadResult } from './batch-use-cases.ts';
export type { CaseView } from './case-access.ts';
export type {
  CaseHistory,
  CaseListCriteria,
  OpenCaseHouseholdMember,
  OpenCaseRequest,
  OpenedCaseResult,
} from './case-use-cases.ts';
export type { RecordContactRequest } from './contact-use-cases.ts';
export type { AuditTarget, RegisterDependencies } from './context.ts';
export type { ReferralListRequest, SendReferralRequest } from './referral-use-cases.ts';
export { createRegister, type Register, type RegisterOptions } from './register.ts';
