// Imports data/consultations.csv into the register, then prints the first half of fiscal year 2025.
// With GATEWAY_URL and GATEWAY_TOKEN (a staff member's token) it uses that gateway; without them it
// starts a throwaway register on a temporary SQLite database and removes it afterwards.
import { readFile } from 'node:fs/promises';
import { createRegisterClient } from '@hikikomori-register/client';
import { startSandboxRegister } from '@hikikomori-register/gateway';
import { runMunicipalSync } from './run.ts';

const csvText = await readFile(new URL('../data/consultations.csv', import.meta.url), 'utf8');
const { GATEWAY_URL, GATEWAY_TOKEN } = process.env;
const sandbox = GATEWAY_URL ? null : await startSandboxRegister();
try {
  const url = GATEWAY_URL ?? sandbox?.url ?? '';
  const token = GATEWAY_TOKEN ?? (await sandbox?.staffToken(sandbox.agency.id)) ?? '';
  if (sandbox) console.log(`A temporary register is running at ${url}`);
  await runMunicipalSync({
    client: createRegisterClient({ url, token }),
    csvText,
    fiscalYear: 2025,
    half: 'FIRST_HALF',
    print: (line) => console.log(line),
  });
} finally {
  await sandbox?.close();
}
