import type { Actor, CalendarDate, Register } from '@hikikomori-register/core';
import type { AgencyOnboarding } from '../auth/onboarding.ts';
import type { StaffDirectory } from '../auth/staff-directory.ts';
import type { Loaders } from './loaders.ts';

/** What every resolver receives: the signed-in actor, the register and per-request loaders. */
export interface GraphQLContext {
  /** The authenticated actor (requests without a valid token never reach a resolver). */
  readonly actor: Actor;
  readonly register: Register;
  readonly staff: StaffDirectory;
  /** Registers invited agencies with their first admin (the one thing done without a token). */
  readonly onboarding: AgencyOnboarding;
  readonly loaders: Loaders;
  /** Today in Japan (Asia/Tokyo) by the gateway's clock, one day for the whole request: review-overdue checks use it. */
  today(): CalendarDate;
  /** The gateway's clock (token expiry checks, an invitation's status). */
  now(): Date;
}
