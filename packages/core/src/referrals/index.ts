export * from './referral.ts';
export * from './referral-status.ts';
