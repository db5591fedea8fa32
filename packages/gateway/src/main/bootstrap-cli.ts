// First administrator of a new register (no default password exists):
//   DATABASE_URL=… pnpm --filter @hikikomori-register/gateway bootstrap -- \
//     --kind hikikomoriRegionalCentre --name '〇〇県ひきこもり地域支援センター' \
//     --municipality 240001 --admin '氏名' [--login kanri.taro]
// Creates the first agency, its agency admin and one token, and prints the token once; with --login
// the admin can also sign in to the staff console with the printed temporary password (to be
// replaced at the first sign-in). Refused when the register already has an agency: further agencies
// and staff are created through the API.
import { parseArgs } from 'node:util';
import type { AgencyKind } from '@hikikomori-register/core';
import { DEFAULT_DATABASE_URL, openDatabase } from '../persistence/database.ts';
import { createDatabaseRegister } from '../persistence/register.ts';
import { PrismaStaffDirectory } from '../persistence/staff/prisma-staff-directory.ts';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { cliArgs } from './cli-args.ts';
import { reportRefusal } from './cli-refusal.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    kind: { type: 'string', default: 'hikikomoriRegionalCentre' },
    name: { type: 'string' },
    municipality: { type: 'string' },
    admin: { type: 'string' },
    login: { type: 'string' },
  },
});
if (!values.name || !values.municipality || !values.admin) {
  console.error(
    'usage: bootstrap --name <agency name> --municipality <6-digit code> --admin <admin name> [--kind <agency kind>] [--login <console login id>]',
  );
  process.exit(2);
}

const database = await openDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
try {
  const register = await createDatabaseRegister(database);
  const staff = new PrismaStaffDirectory(database);
  const { agency, admin, token, tokenExpiresAt, temporaryPassword } = await bootstrapFirstAdmin({
    register,
    staff,
    agency: {
      // Checked by the core's agency schema, which names the field when the kind is unknown.
      kind: values.kind as AgencyKind,
      name: values.name,
      municipalityCode: values.municipality,
    },
    adminName: values.admin,
    ...(values.login !== undefined ? { loginId: values.login } : {}),
  });
  console.log(
    `Agency ${agency.name} (${agency.id}) and its admin ${admin.displayName} (${admin.id}) created.`,
  );
  if (temporaryPassword)
    console.log(
      `Staff console: sign in as ${admin.loginId} with the temporary password ${temporaryPassword} (shown this once; a new one is asked for at the first sign-in).`,
    );
  console.log(
    `Bearer token — shown this once, only its hash is stored; valid until ${tokenExpiresAt?.toISOString() ?? 'revoked'}; keep it somewhere safe:`,
  );
  console.log(token);
} catch (error) {
  reportRefusal(error);
} finally {
  await database.close();
}
