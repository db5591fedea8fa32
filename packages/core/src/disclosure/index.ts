export * from './disclosure-csv.ts';
export * from './disclosure-record.ts';
