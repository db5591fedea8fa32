import type { Agency, AgencyInput, Register } from '@hikikomori-register/core';
import { generateTemporaryPassword, parseLoginId } from '../auth/passwords.ts';
import type { StaffAccount, StaffDirectory } from '../auth/staff-directory.ts';

export interface BootstrapFirstAdminInput {
  readonly register: Register;
  readonly staff: StaffDirectory;
  readonly agency: AgencyInput;
  readonly adminName: string;
  /** Label of the admin's first token (default "bootstrap"). */
  readonly tokenLabel?: string;
  /** ログインID for the staff console; the admin then gets a temporary password to replace at sign-in. */
  readonly loginId?: string;
}

export interface BootstrappedAdmin {
  readonly agency: Agency;
  readonly admin: StaffAccount;
  /** The admin's bearer token: shown this once, only its hash is stored. */
  readonly token: string;
  readonly tokenExpiresAt: Date | null;
  /** With `loginId`: the console password to replace at the first sign-in, shown this once. */
  readonly temporaryPassword: string | null;
}

/**
 * Set-up of an empty register: the first agency (refused once any agency exists), its agency admin
 * and that admin's first token. The CLI prints the token once; nothing here logs it.
 */
export async function bootstrapFirstAdmin(input: BootstrapFirstAdminInput): Promise<BootstrappedAdmin> {
  // Checked before anything is written, so a bad login id leaves the register empty.
  const loginId = input.loginId === undefined ? null : parseLoginId(input.loginId);
  const agency = await input.register.agencies.registerFirst(input.agency);
  const admin = await input.staff.createStaff({
    agencyId: agency.id,
    displayName: input.adminName,
    role: 'agencyAdmin',
    loginId,
  });
  const temporaryPassword = loginId ? generateTemporaryPassword() : null;
  if (temporaryPassword) await input.staff.setPassword(admin.id, temporaryPassword, { temporary: true });
  const { token, info } = await input.staff.issueToken(admin.id, input.tokenLabel ?? 'bootstrap');
  return { agency, admin, token, tokenExpiresAt: info.expiresAt, temporaryPassword };
}
