export * from './assessment.ts';
export * from './assessment-correction.ts';
export * from './checklist.ts';
export * from './compare.ts';
export * from './scoring.ts';
