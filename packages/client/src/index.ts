/**
 * @hikikomori-register/client — a typed client of the register's GraphQL gateway for Node 20+.
 * Types are generated from the gateway's committed schema; documents are plain strings, so no
 * GraphQL runtime or compiler plugin is needed.
 */
export {
  type AgencyInvitation,
  type AgencySummary,
  type Assessment,
  type CaseAgencyPeriod,
  type CaseAuditEntry,
  type CaseAuditTrailOptions,
  type CaseAuditTrailPage,
  type CaseDetails,
  type CaseloadOptions,
  type CaseloadPage,
  type CaseOnDate,
  type CaseSummary,
  type CaseWithAgencies,
  type Checklist,
  type Contact,
  createRegisterClient,
  type DisclosureFile,
  type DisclosureRequest,
  type HouseholdMember,
  type IndicatorCell,
  type IndicatorReport,
  type IndicatorsQuery,
  type IssuedInvitation,
  indicatorsCsvParams,
  type OnboardedAgency,
  type OpenedCase,
  type PageInfo,
  type ReassignedCases,
  type RedeemInvitationInput,
  type Referral,
  type ReferralResponse,
  type ReferralsOptions,
  type ReferralsPage,
  type RegisterClient,
  type RegisterClientOptions,
  redeemAgencyInvitation,
  type SignedInStaff,
  type StaffAssignment,
  type StageEntry,
  type StageMove,
} from './client.ts';
export {
  AuthenticationError,
  type GraphQLErrorEntry,
  GraphQLResponseError,
  MutationRefusedError,
  NetworkError,
  RegisterClientError,
  RequestError,
  type UserError,
} from './errors.ts';
// Every operation's document, variables and result type, and the schema's enums and input types.
export * from './generated/graphql.ts';
export { type MutationResult, unwrap } from './result.ts';
export { isReadOnlyDocument, type TypedDocument, type VariablesArgument } from './transport.ts';
