import type { Agency, AgencyInput, Register } from '@hikikomori-register/core';
import type { StaffAccount, StaffDirectory } from '../auth/staff-directory.ts';

export interface BootstrapFirstAdminInput {
  readonly register: Register;
  readonly staff: StaffDirectory;
  readonly agency: AgencyInput;
  readonly adminName: string;
  /** Label of the admin's first token (default "bootstrap"). */
  readonly tokenLabel?: string;
}

export interface BootstrappedAdmin {
  readonly agency: Agency;
  readonly admin: StaffAccount;
  /** The admin's bearer token: shown this once, only its hash is stored. */
  readonly token: string;
}

/**
 * Set-up of an empty register: the first agency (refused once any agency exists), its agency admin
 * and that admin's first token. The CLI prints the token once; nothing here logs it.
 */
export async function bootstrapFirstAdmin(input: BootstrapFirstAdminInput): Promise<BootstrappedAdmin> {
  const agency = await input.register.agencies.registerFirst(input.agency);
  const admin = await input.staff.createStaff({
    agencyId: agency.id,
    displayName: input.adminName,
    role: 'agencyAdmin',
  });
  const { token } = await input.staff.issueToken(admin.id, input.tokenLabel ?? 'bootstrap');
  return { agency, admin, token };
}
