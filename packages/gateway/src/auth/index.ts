export {
  createStaffInputSchema,
  InMemoryStaffDirectory,
  type InMemoryStaffDirectoryOptions,
  tokenLabelSchema,
} from './in-memory-staff-directory.ts';
export {
  type AgencyOnboarding,
  type CheckedFirstAdmin,
  checkRedeemRequest,
  FIRST_ADMIN_TOKEN_DAYS,
  type FirstAdminInput,
  firstCredential,
  generateInvitationToken,
  INVITATION_PREFIX,
  looksLikeInvitationToken,
  type OnboardedAgency,
  type RedeemInvitationRequest,
  sequentialOnboarding,
} from './onboarding.ts';
export {
  type ApiTokenInfo,
  type CreateStaffInput,
  generateToken,
  hashToken,
  type IssuedToken,
  type IssueTokenOptions,
  looksLikeToken,
  type StaffAccount,
  type StaffDirectory,
  TOKEN_PREFIX,
} from './staff-directory.ts';
