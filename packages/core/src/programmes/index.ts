export * from './attendance.ts';
export * from './headcount.ts';
export * from './place.ts';
export * from './placement.ts';
export * from './placement-rules.ts';
export * from './programme.ts';
