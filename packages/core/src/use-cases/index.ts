export type { RedeemedInvitation } from './agency-use-cases.ts';
export type { AssignStaffRequest, ReassignedStaff, ReassignStaffRequest } from './assignment-use-cases.ts';
export type { CountedPage } from './audit-use-cases.ts';
export type { CaseloadPart, CaseloadParts, CaseloadRequest, CaseloadResult } from './batch-use-cases.ts';
export type { CaseView } from './case-access.ts';
export type {
  AddSupportingAgencyInput,
  CaseListCriteria,
  CaseloadPage,
  HandOverLeadInput,
  IntakeConsent,
  OpenCaseHouseholdMember,
  OpenCaseRequest,
  OpenedCaseResult,
  RemoveSupportingAgencyInput,
} from './case-use-cases.ts';
export type { ListedAssessment } from './casework-use-cases.ts';
export type { ListedContact, RecordContactRequest } from './contact-use-cases.ts';
export type { AuditTarget, RegisterDependencies } from './context.ts';
export type { DisclosureRequest } from './disclosure-use-cases.ts';
export type { IndicatorRequestInput, MunicipalityIndicators } from './indicator-use-cases.ts';
export type { MergedPersons, PersonLookup, PersonSearchResult } from './person-use-cases.ts';
export type { ReferralListRequest, SendReferralRequest } from './referral-use-cases.ts';
export { createRegister, type Register, type RegisterOptions } from './register.ts';
export { RETENTION_STAFF_ID } from './retention-use-cases.ts';
export type { WorklistRequest, WorklistResult } from './worklist-use-cases.ts';
