export * from './case-conference.ts';
