import { createRegister } from '@hikikomori-register/core';
import { type AgencyOnboarding, checkRedeemRequest, firstCredential } from '../../auth/onboarding.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Database, DbClient } from '../database.ts';
import { PrismaStaffDirectory } from '../staff/prisma-staff-directory.ts';
import { boundUnitOfWork, databaseTransaction } from '../unit-of-work.ts';

/**
 * Onboarding in one database transaction: the invitation is spent, the agency registered (name
 * checked against every agency), its first admin created and given a token — all of it, or nothing
 * (a refused name leaves the invitation usable).
 */
export function databaseOnboarding(
  database: Database,
  options: { clock?: () => Date } = {},
): AgencyOnboarding {
  const clock = options.clock ?? (() => new Date());
  return {
    redeem(request) {
      const { tokenHash, admin } = checkRedeemRequest(request);
      return databaseTransaction(database, async (tx, dialect) => {
        const register = createRegister({ unitOfWork: boundUnitOfWork(tx, dialect), clock });
        const { agency, invitation } = await register.agencies.redeemInvitation(tokenHash, request.agency);
        const staff = new PrismaStaffDirectory({ prisma: tx as unknown as DbClient }, { clock });
        // The account is new (no session to end): its password is stored on the row in this transaction.
        const credential = await firstCredential(staff, agency, admin, clock(), async (account, password) => {
          const now = clock();
          await tx.staffAccount.update({
            where: { id: account.id },
            data: {
              passwordHash: await hashPassword(password),
              passwordChangedAt: now,
              mustChangePassword: false,
              updatedAt: now,
            },
          });
        });
        return { agency, invitation, ...credential };
      });
    },
  };
}
