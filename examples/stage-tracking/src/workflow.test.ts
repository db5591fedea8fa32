import { createRegisterClient, type RegisterClient } from '@hikikomori-register/client';
import { type SandboxRegister, startSandboxRegister } from '@hikikomori-register/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TODAY, seedCaseload } from './fixture.ts';
import { runStageTracking, type StageTrackingResult } from './workflow.ts';

let sandbox: SandboxRegister;
let client: RegisterClient;
let result: StageTrackingResult;
const printed: string[] = [];

beforeAll(async () => {
  sandbox = await startSandboxRegister({ today: FIXTURE_TODAY });
  client = createRegisterClient({ url: sandbox.url, token: await seedCaseload(sandbox) });
  result = await runStageTracking({ client, today: FIXTURE_TODAY, print: (l) => printed.push(l) });
});
afterAll(() => sandbox?.close());

describe('stage-tracking: a case worker’s morning through the typed client', () => {
  it('lists the overdue review and the pending referral, each only where it applies', () => {
    expect(result.overdue.map((c) => c.person?.displayName)).toEqual(['架空 一郎']);
    expect(result.overdue[0]?.reviewOverdue).toBe(true);
    expect(result.referralPending.map((c) => c.person?.displayName)).toEqual(['架空 二郎']);
    expect(result.incomingReferrals).toBe(0);
  });

  it('records the home visit and steps the group-stage case back with its reason', () => {
    expect(result.visited).toMatchObject({
      stage: 'INDIVIDUAL',
      lastContact: { occurredOn: FIXTURE_TODAY, channel: 'HOME_VISIT', personContact: 'ATTEMPTED' },
    });
    expect(result.move).toMatchObject({
      from: 'GROUP',
      to: 'INDIVIDUAL',
      direction: 'BACK',
      reason: 'RE_WITHDRAWAL',
      effectiveOn: FIXTURE_TODAY,
    });
    expect(printed.join('\n')).toContain('(reason RE_WITHDRAWAL)');
  });

  it('leaves the other cases as they were', async () => {
    const all = [];
    for await (const c of client.caseloadAll()) all.push(c);
    expect(Object.fromEntries(all.map((c) => [c.person?.displayName, c.stage]))).toEqual({
      '架空 一郎': 'INDIVIDUAL',
      '架空 二郎': 'INDIVIDUAL',
      '架空 三郎': 'ENCOUNTER',
    });
  });
});
