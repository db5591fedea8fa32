export * from './stage-history.ts';
export * from './stage-machine.ts';
export * from './stage-transitions.ts';
export * from './support-stage.ts';
