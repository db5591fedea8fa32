import { describeJourney } from './journey.shared.ts';

describeJourney('memory');
