export {
  createStaffInputSchema,
  InMemoryStaffDirectory,
  type InMemoryStaffDirectoryOptions,
  tokenLabelSchema,
} from './in-memory-staff-directory.ts';
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
