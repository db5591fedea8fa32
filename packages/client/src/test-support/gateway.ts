import { type SandboxRegister, startSandboxRegister } from '@hikikomori-register/gateway';

export type TestGateway = SandboxRegister;

/** A real gateway for the client's tests; "today" is after fiscal year 2023, which the tests record into. */
export function startTestGateway(): Promise<TestGateway> {
  return startSandboxRegister({ today: '2024-04-10' });
}

/** The plain id inside a global id (`base64("Type:id")`), as the staff directory wants it. */
export function localIdOf(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}
