// A case worker's morning through the typed client. With GATEWAY_URL and GATEWAY_TOKEN (a staff
// member's token, e.g. the demo case worker's from `pnpm start`) it works on that register; without
// them it starts a throwaway register with a small fictitious caseload and removes it afterwards.
import { createRegisterClient } from '@hikikomori-register/client';
import { startSandboxRegister } from '@hikikomori-register/gateway';
import { FIXTURE_TODAY, seedCaseload } from './fixture.ts';
import { runStageTracking } from './workflow.ts';

const { GATEWAY_URL, GATEWAY_TOKEN } = process.env;
const sandbox = GATEWAY_URL ? null : await startSandboxRegister({ today: FIXTURE_TODAY });
try {
  const client = createRegisterClient({
    url: GATEWAY_URL ?? sandbox?.url ?? '',
    token: GATEWAY_TOKEN ?? (sandbox ? await seedCaseload(sandbox) : ''),
  });
  await runStageTracking({
    client,
    // The sandbox's day; on a real register, today in Japan.
    today: sandbox ? FIXTURE_TODAY : new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10),
    print: (line) => console.log(line),
  });
} finally {
  await sandbox?.close();
}
