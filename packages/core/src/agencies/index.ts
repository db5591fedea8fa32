export * from './agency.ts';
export * from './agency-kind.ts';
