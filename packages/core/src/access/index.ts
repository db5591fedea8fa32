export * from './access-rules.ts';
