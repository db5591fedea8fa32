import { describeOnboarding } from './onboarding.shared.ts';

describeOnboarding('memory');
