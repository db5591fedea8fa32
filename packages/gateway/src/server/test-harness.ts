import { type Agency, createInMemoryRegister } from '@hikikomori-register/core';
import { InMemoryStaffDirectory } from '../auth/in-memory-staff-directory.ts';
import { createGateway, type GatewayOptions } from './gateway.ts';
import type { GatewayLogger } from './logger.ts';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] | undefined;
}

/**
 * A gateway over an in-memory register with a movable clock, for tests: a token per named actor,
 * `gql` posts to /graphql like a client would, and every log entry is kept.
 */
export async function harness(options: { today?: string; gateway?: Partial<GatewayOptions> } = {}) {
  let today = options.today ?? '2023-04-03';
  const clock = () => new Date(`${today}T03:00:00Z`);
  const { register } = await createInMemoryRegister({ clock });
  const staff = new InMemoryStaffDirectory({ clock });
  const logs: Record<string, unknown>[] = [];
  const logger: GatewayLogger = {
    info: (e) => logs.push({ level: 'info', ...e }),
    warn: (e) => logs.push({ level: 'warn', ...e }),
    error: (e) => logs.push({ level: 'error', ...e }),
  };
  const gateway = createGateway({ register, staff, logger, clock, ...options.gateway });

  async function token(
    agency: Agency,
    role: 'staff' | 'supervisor' | 'agencyAdmin' | 'auditor',
    name = role,
  ) {
    const account = await staff.createStaff({ agencyId: agency.id, displayName: name, role });
    return { account, token: (await staff.issueToken(account.id, 'test')).token };
  }

  async function gql<T = Record<string, unknown>>(
    bearer: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlResult<T>> {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GqlResult['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors };
  }

  return {
    register,
    staff,
    gateway,
    logs,
    token,
    gql,
    setToday: (date: string) => {
      today = date;
    },
  };
}

export type Harness = Awaited<ReturnType<typeof harness>>;

/** Fails with the GraphQL errors or user errors when a mutation did not go through. */
export function ok<T>(result: GqlResult<Record<string, T>>, field: string): T & Record<string, unknown> {
  if (result.errors?.length) throw new Error(`${field}: ${JSON.stringify(result.errors)}`);
  const payload = result.data?.[field] as (T & { userErrors?: unknown[] }) | undefined;
  if (!payload) throw new Error(`${field}: no payload`);
  if (payload.userErrors?.length) throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
  return payload as T & Record<string, unknown>;
}
