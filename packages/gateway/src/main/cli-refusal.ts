import { DomainError } from '@hikikomori-register/core';

/**
 * A command line's answer to a refused input: the message with the field and rule on stderr and exit
 * code 1. Anything else is a fault and is thrown on.
 */
export function reportRefusal(error: unknown): void {
  if (!(error instanceof DomainError)) throw error;
  console.error(
    `refused: ${error.message}${error.field ? ` (field ${error.field}, rule ${error.rule})` : ''}`,
  );
  process.exitCode = 1;
}
