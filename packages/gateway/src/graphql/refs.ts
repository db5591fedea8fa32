import type {
  Agency,
  AllowanceDue,
  Assessment,
  AssessmentSummary,
  Attendance,
  AuditEntry,
  CaseView,
  ChecklistDefinition,
  Consent,
  HouseholdMember,
  IndicatorReport,
  Person,
  PersonSummary,
  Place,
  Placement,
  Programme,
  ProgrammeSession,
  Referral,
  SupportMeeting,
  SupportPlan,
  VisibleContact,
} from '@hikikomori-register/core';
import type { StaffAccount } from '../auth/staff-directory.ts';
import { builder } from './builder.ts';

/**
 * Object type references, declared once so that modules can point at each other's types without
 * import cycles; each is implemented in the module named after it.
 */
export const AgencyRef = builder.objectRef<Agency>('Agency');
export const CaseRef = builder.objectRef<CaseView>('Case');
/** A caseload's person may be read without the household (`PersonSummary`). */
export const PersonRef = builder.objectRef<Person | PersonSummary>('Person');
export const HouseholdMemberRef = builder.objectRef<HouseholdMember>('HouseholdMember');
export const ContactRef = builder.objectRef<VisibleContact>('Contact');
/** A caseload's latest assessment may be read without its answers (`AssessmentSummary`). */
export const AssessmentRef = builder.objectRef<Assessment | AssessmentSummary>('Assessment');
export const ChecklistDefinitionRef = builder.objectRef<ChecklistDefinition>('ChecklistDefinition');
export const SupportPlanRef = builder.objectRef<SupportPlan>('SupportPlan');
export const ReferralRef = builder.objectRef<Referral>('Referral');
export const ConsentRef = builder.objectRef<Consent>('Consent');
export const SupportMeetingRef = builder.objectRef<SupportMeeting>('SupportMeeting');
export const PlaceRef = builder.objectRef<Place>('Place');
export const ProgrammeRef = builder.objectRef<Programme>('Programme');
export const ProgrammeSessionRef = builder.objectRef<ProgrammeSession>('ProgrammeSession');
export const AttendanceRef = builder.objectRef<Attendance>('Attendance');
export type PlacementWithAllowance = Placement & { readonly allowance: AllowanceDue };
export const PlacementRef = builder.objectRef<PlacementWithAllowance>('Placement');
export const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry');
export const IndicatorReportRef = builder.objectRef<IndicatorReport>('IndicatorReport');
export const StaffRef = builder.objectRef<StaffAccount>('StaffMember');
