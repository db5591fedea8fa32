export * from './audit.ts';
export * from './pagination.ts';
export * from './repositories.ts';
