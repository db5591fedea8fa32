/**
 * Identifiers are opaque strings chosen by the repository (UUIDs in the gateway, anything unique in
 * memory). They are plain `string` aliases so integrators can pass their own keys without casts.
 */
export type CaseId = string;
export type PersonId = string;
export type HouseholdMemberId = string;
export type AgencyId = string;
export type StaffId = string;
export type ContactId = string;
export type ChecklistId = string;
export type AssessmentId = string;
export type PlanId = string;
export type ReferralId = string;
export type ConsentId = string;
export type SupportMeetingId = string;
export type PlaceId = string;
export type ProgrammeId = string;
export type ProgrammeSessionId = string;
export type PlacementId = string;
export type CaseConferenceId = string;
