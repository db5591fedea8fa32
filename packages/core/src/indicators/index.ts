export * from './indicator-breakdowns.ts';
export * from './indicator-csv.ts';
export * from './indicator-input.ts';
export * from './indicator-rows.ts';
export * from './indicator-targets.ts';
export * from './indicators.ts';
export * from './suppression.ts';
