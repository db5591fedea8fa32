export * from './case-status.ts';
export * from './status-machine.ts';
export * from './status-transitions.ts';
