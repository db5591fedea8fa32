export * from './supporter.ts';
