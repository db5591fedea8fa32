import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agency, AgencyInput, StaffRole } from '@hikikomori-register/core';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import type { GatewayLogger } from '../server/logger.ts';
import { type RunningRegisterServer, startRegisterServer } from './server.ts';

export interface SandboxOptions {
  /** The first agency (default: a fictitious regional centre in 242012). */
  readonly agency?: AgencyInput;
  /** Fix "today" (YYYY-MM-DD, noon in Japan) instead of the system clock. */
  readonly today?: string;
  /** Default: silent. */
  readonly logger?: GatewayLogger;
}

/** A throwaway register on a real HTTP port, for integration tests and examples. */
export interface SandboxRegister {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:54321/graphql. */
  readonly url: string;
  readonly agency: Agency;
  /** The first agency's admin's token. */
  readonly adminToken: string;
  readonly server: RunningRegisterServer;
  /** A new staff account of `agencyId` (a plain id, as `agency.id`) and a token for it. */
  staffToken(agencyId: string, role?: StaffRole, displayName?: string): Promise<string>;
  /** Stops the server and deletes the database. */
  close(): Promise<void>;
}

const silent: GatewayLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Starts the gateway on a new SQLite database in a temporary folder, with one agency and its admin:
 * what the client's tests and the examples run against when no gateway URL is given.
 */
export async function startSandboxRegister(options: SandboxOptions = {}): Promise<SandboxRegister> {
  const dir = await mkdtemp(join(tmpdir(), 'register-sandbox-'));
  const today = options.today;
  let server: RunningRegisterServer;
  try {
    server = await startRegisterServer({
      databaseUrl: `file:${join(dir, 'register.db')}`,
      port: 0,
      logger: options.logger ?? silent,
      ...(today ? { clock: () => new Date(`${today}T03:00:00Z`) } : {}),
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const { agency, token } = await bootstrapFirstAdmin({
      register: server.register,
      staff: server.staff,
      agency: options.agency ?? {
        kind: 'hikikomoriRegionalCentre',
        name: '架空県ひきこもり地域支援センター',
        municipalityCode: '242012',
      },
      adminName: '架空 管理者',
    });
    return {
      url: server.url,
      agency,
      adminToken: token,
      server,
      async staffToken(agencyId, role = 'staff', displayName = '架空 職員') {
        const account = await server.staff.createStaff({ agencyId, displayName, role });
        return (await server.staff.issueToken(account.id, 'sandbox')).token;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
