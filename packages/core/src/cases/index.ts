export * from './case-agencies.ts';
export * from './case-changes.ts';
export * from './case-history.ts';
export * from './case-record.ts';
export * from './staff-assignment.ts';
