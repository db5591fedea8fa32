export * from './support-plan.ts';
