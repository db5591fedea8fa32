export * from './anonymous-consultation.ts';
export * from './consulting-party.ts';
export * from './contact.ts';
export * from './contact-correction.ts';
export * from './contact-queries.ts';
export * from './contact-vocabulary.ts';
export * from './planned-contact.ts';
export * from './redact.ts';
