export * from './assessment.ts';
export * from './checklist.ts';
export * from './compare.ts';
export * from './scoring.ts';
