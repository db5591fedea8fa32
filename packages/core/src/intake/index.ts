export * from './intake.ts';
export * from './intake-vocabulary.ts';
