export * from './agency.ts';
export * from './agency-kind.ts';
export * from './agency-name.ts';
export * from './invitation.ts';
