export * from './consent.ts';
export * from './legal-basis.ts';
export * from './support-meeting.ts';
