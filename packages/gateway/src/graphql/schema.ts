import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './agency.ts';
import './case.ts';
import './intake.ts';
import './assignment.ts';
import './contact.ts';
import './contact-correction.ts';
import './casework.ts';
import './assessment-correction.ts';
import './person.ts';
import './referral.ts';
import './sharing.ts';
import './conference.ts';
import './anonymous-consultation.ts';
import './supporter.ts';
import './programme.ts';
import './audit.ts';
import './disclosure.ts';
import './indicators.ts';
import './staff.ts';
import './worklist.ts';

/** The gateway's GraphQL schema (built once; every module above adds its types to the builder). */
export const schema = builder.toSchema({ sortSchema: false });

/** The SDL as committed in packages/gateway/schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
