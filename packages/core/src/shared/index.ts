export * from './actor.ts';
export * from './case-section.ts';
export * from './csv.ts';
export * from './dates.ts';
export * from './errors.ts';
export * from './fiscal-year.ts';
export type * from './ids.ts';
export * from './note-visibility.ts';
export * from './text.ts';
