export * from './audit.ts';
export * from './caseload-page.ts';
export * from './pagination.ts';
export * from './repositories.ts';
