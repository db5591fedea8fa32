import {
  type Actor,
  type Agency,
  type AgencyInput,
  type CalendarDate,
  calendarDateOf,
  type Register,
} from '@hikikomori-register/core';
import { generateTemporaryPassword, type PrehashedPassword, prehashPassword } from '../auth/passwords.ts';
import type { StaffAccount, StaffDirectory } from '../auth/staff-directory.ts';
import type { Database } from '../persistence/database.ts';
import { seedDemo } from '../persistence/seed/demo.ts';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { DEMO_CASEWORK_CASES, seedDemoCasework } from './demo-casework.ts';

/** The demo's first agency; everything in the demo is fictitious (架空) and says so. */
const DEMO_CENTRE: AgencyInput = {
  kind: 'hikikomoriRegionalCentre',
  name: '架空県ひきこもり地域支援センター',
  municipalityCode: '240001',
  area: '架空県',
};
const DEMO_PARTNERS: readonly AgencyInput[] = [
  { kind: 'municipalHikikomoriDesk', name: '架空市ひきこもり支援窓口', municipalityCode: '242012' },
  { kind: 'selfRelianceSupport', name: '架空市自立相談支援機関', municipalityCode: '242012' },
  { kind: 'publicHealthCentre', name: '架空保健所', municipalityCode: '242021' },
  { kind: 'youthSupportStation', name: '架空地域若者サポートステーション', municipalityCode: '242021' },
  { kind: 'privateSupportOrganisation', name: '架空家族会・居場所の会', municipalityCode: '242039' },
];
export const DEMO_WORKER_NAME = '架空 相談員';
const DEMO_ADMIN_NAME = '架空 管理者';
const DEMO_SUPERVISOR_NAME = '架空 主任';
/** Console login ids of the demo's case worker, supervisor and agency admin. */
export const DEMO_WORKER_LOGIN = 'kakuu.sodan';
export const DEMO_SUPERVISOR_LOGIN = 'kakuu.shunin';
export const DEMO_ADMIN_LOGIN = 'kakuu.kanri';
/** Demo tokens stop working after a week: a demo register is not for real records. */
const DEMO_TOKEN_DAYS = 7;

export interface DemoRegister {
  /** True when this call created the demo data; false when the database already held it. */
  readonly created: boolean;
  readonly centre: Agency;
  readonly cases: number;
  /** A fresh bearer token for the centre's case worker (role staff). Shown once. */
  readonly workerToken: string;
  /** A fresh bearer token for the centre's agency admin. Shown once. */
  readonly adminToken: string;
  readonly tokensExpireAt: Date;
  /** Console sign-in of the demo accounts: their login ids and a password set afresh at each start. */
  readonly signIn: {
    readonly workerLoginId: string;
    /** The supervisor (主任): colleagues' worklists and 名寄せ. */
    readonly supervisorLoginId: string;
    readonly adminLoginId: string;
    readonly password: string;
  };
}

/**
 * The demo accounts' password, set afresh at each start, with its hash (the product's scrypt parameters)
 * already under way in Node's thread pool.
 */
export interface DemoPasswords {
  readonly password: string;
  readonly worker: PrehashedPassword;
  readonly supervisor: PrehashedPassword;
  readonly admin: PrehashedPassword;
}

/**
 * Starts hashing a fresh demo password for the three accounts. The service calls it first thing, so
 * the hashing overlaps the migration check and the database clients instead of coming after them;
 * `loadDemo` still waits for the hash, so sign-in works once the service is ready.
 */
export function prehashDemoPasswords(): DemoPasswords {
  const password = generateTemporaryPassword();
  // One hash (one salt) for the three demo accounts, which share the printed password anyway: three
  // scrypt runs took both CPUs of a small machine from the start itself.
  const hashed = prehashPassword(password);
  return { password, worker: hashed, supervisor: hashed, admin: hashed };
}

export interface LoadDemoOptions {
  readonly database: Database;
  readonly register: Register;
  readonly staff: StaffDirectory;
  readonly today?: CalendarDate;
  /** Number of fictitious cases (default 150). */
  readonly cases?: number;
  readonly clock?: () => Date;
  /** The password and its hashes, from `prehashDemoPasswords` (default: made here). */
  readonly passwords?: DemoPasswords;
}

/**
 * Fills an empty register with fictitious agencies, staff and cases; on a register that already holds
 * the demo, only issues fresh tokens. Refuses a register that holds anything else, so a real
 * register never receives demo records.
 */
export async function loadDemo(options: LoadDemoOptions): Promise<DemoRegister> {
  const { database, register, staff } = options;
  const now = (options.clock ?? (() => new Date()))();
  const tokensExpireAt = new Date(now.getTime() + DEMO_TOKEN_DAYS * 86_400_000);
  const issue = async (account: StaffAccount) =>
    (await staff.issueToken(account.id, 'demo', { expiresAt: tokensExpireAt })).token;
  // One fresh password for the demo accounts, printed with the tokens; it replaces the last one.
  const passwords = options.passwords ?? prehashDemoPasswords();
  const { password } = passwords;
  const enableSignIn = async (account: StaffAccount, loginId: string, prehashed: PrehashedPassword) => {
    if (account.loginId !== loginId) await staff.setLoginId(account.id, loginId);
    await staff.setPassword(account.id, prehashed, { temporary: false });
  };
  const enableSignIns = (accounts: [StaffAccount | undefined, string, PrehashedPassword][]) =>
    Promise.all(
      accounts.map(([account, loginId, prehashed]) =>
        account ? enableSignIn(account, loginId, prehashed) : undefined,
      ),
    );
  const signIn = {
    workerLoginId: DEMO_WORKER_LOGIN,
    supervisorLoginId: DEMO_SUPERVISOR_LOGIN,
    adminLoginId: DEMO_ADMIN_LOGIN,
    password,
  };

  const agencyCount = await database.prisma.agency.count();
  if (agencyCount > 0) {
    const centreRow = await database.prisma.agency.findFirst({
      where: { name: DEMO_CENTRE.name, kind: DEMO_CENTRE.kind },
    });
    const accounts = centreRow ? await staff.listStaff(centreRow.id) : [];
    const worker = accounts.find((a) => a.displayName === DEMO_WORKER_NAME && a.active);
    const admin = accounts.find((a) => a.displayName === DEMO_ADMIN_NAME && a.active);
    const supervisor = accounts.find((a) => a.displayName === DEMO_SUPERVISOR_NAME && a.active);
    if (!centreRow)
      throw new Error(
        'this database already holds a register that is not the demo: start without --demo, or use another DATABASE_URL',
      );
    // Loading spans the register, the staff directory and the bulk writer, so it is not one
    // transaction: an interrupted first start leaves a partial demo, which is refused, not patched.
    if (!worker || !admin || (await database.prisma.case.count()) === 0)
      throw new Error(
        'the demo data in this database is incomplete (an earlier start was interrupted): delete the database file and start again',
      );
    const actor: Actor = { staffId: worker.id, agencyId: centreRow.id, role: worker.role };
    const centre = await register.agencies.get(actor, centreRow.id);
    if (!centre) throw new Error('the demo centre could not be read');
    // A demo database from before the supervisor account existed simply has none.
    await enableSignIns([
      [worker, DEMO_WORKER_LOGIN, passwords.worker],
      [admin, DEMO_ADMIN_LOGIN, passwords.admin],
      [supervisor, DEMO_SUPERVISOR_LOGIN, passwords.supervisor],
    ]);
    return {
      created: false,
      centre,
      cases: await database.prisma.case.count(),
      workerToken: await issue(worker),
      adminToken: await issue(admin),
      tokensExpireAt,
      signIn,
    };
  }

  const { agency: centre, admin } = await bootstrapFirstAdmin({
    register,
    staff,
    agency: DEMO_CENTRE,
    adminName: DEMO_ADMIN_NAME,
  });
  const adminActor: Actor = { staffId: admin.id, agencyId: centre.id, role: 'agencyAdmin' };
  const partners: Agency[] = [];
  for (const input of DEMO_PARTNERS) partners.push(await register.agencies.register(adminActor, input));
  const worker = await staff.createStaff({
    agencyId: centre.id,
    displayName: DEMO_WORKER_NAME,
    role: 'staff',
  });
  const supervisor = await staff.createStaff({
    agencyId: centre.id,
    displayName: DEMO_SUPERVISOR_NAME,
    role: 'supervisor',
  });
  const staffIds: Record<string, string> = { [centre.id]: worker.id };
  for (const partner of partners) {
    const account = await staff.createStaff({
      agencyId: partner.id,
      displayName: '架空 職員',
      role: 'staff',
    });
    staffIds[partner.id] = account.id;
  }
  const today = options.today ?? calendarDateOf(now);
  const report = await seedDemo(database, {
    today,
    agencies: [centre, ...partners],
    staffIds,
    cases: options.cases ?? 150,
  });
  const desk = partners[0] as Agency;
  await seedDemoCasework({
    register,
    centre,
    workerId: worker.id,
    partner: { agency: desk, staffId: staffIds[desk.id] as string },
    today,
  });
  await enableSignIns([
    [worker, DEMO_WORKER_LOGIN, passwords.worker],
    [supervisor, DEMO_SUPERVISOR_LOGIN, passwords.supervisor],
    [admin, DEMO_ADMIN_LOGIN, passwords.admin],
  ]);
  return {
    created: true,
    centre,
    cases: report.cases + DEMO_CASEWORK_CASES,
    workerToken: await issue(worker),
    adminToken: await issue(admin),
    tokensExpireAt,
    signIn,
  };
}
