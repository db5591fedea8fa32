export * from './age-band.ts';
export * from './eight-zero-five-zero.ts';
export * from './household.ts';
export * from './name-search.ts';
export * from './person.ts';
export * from './pseudonymise.ts';
