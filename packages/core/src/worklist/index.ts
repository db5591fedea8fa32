export * from './worklist.ts';
