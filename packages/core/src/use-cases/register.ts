import { DEFAULT_CHECKLIST } from '../assessments/checklist.ts';
import type { PlacementRules } from '../programmes/placement-rules.ts';
import { AKITA_FUJISATO_STYLE_RULES } from '../programmes/placement-rules.ts';
import { agencyUseCases } from './agency-use-cases.ts';
import { assignmentUseCases } from './assignment-use-cases.ts';
import { auditUseCases } from './audit-use-cases.ts';
import { batchUseCases } from './batch-use-cases.ts';
import { caseUseCases } from './case-use-cases.ts';
import { caseworkUseCases } from './casework-use-cases.ts';
import { conferenceUseCases } from './conference-use-cases.ts';
import { contactUseCases } from './contact-use-cases.ts';
import { createRunner, type RegisterDependencies } from './context.ts';
import { disclosureUseCases } from './disclosure-use-cases.ts';
import { indicatorUseCases } from './indicator-use-cases.ts';
import { intakeUseCases } from './intake-use-cases.ts';
import { personUseCases } from './person-use-cases.ts';
import { programmeUseCases } from './programme-use-cases.ts';
import { referralUseCases } from './referral-use-cases.ts';
import { retentionUseCases } from './retention-use-cases.ts';
import { sharingUseCases } from './sharing-use-cases.ts';
import { supporterUseCases } from './supporter-use-cases.ts';
import { worklistUseCases } from './worklist-use-cases.ts';

export interface RegisterOptions extends RegisterDependencies {
  /** The work experience scheme in force (職場体験の要綱); defaults to the Akita-style preset. */
  readonly placementRules?: PlacementRules;
}

/**
 * The register's use-cases over any storage that implements the ports. Every call takes the acting
 * staff member, checks access with the access rules, runs in one transaction and is audited.
 */
export function createRegister(options: RegisterOptions) {
  const runner = createRunner(options);
  return {
    agencies: agencyUseCases(runner),
    cases: caseUseCases(runner),
    persons: personUseCases(runner),
    intake: intakeUseCases(runner),
    assignments: assignmentUseCases(runner),
    contacts: contactUseCases(runner),
    casework: caseworkUseCases(runner),
    referrals: referralUseCases(runner),
    sharing: sharingUseCases(runner),
    conferences: conferenceUseCases(runner),
    supporters: supporterUseCases(runner),
    programmes: programmeUseCases(runner, options.placementRules ?? AKITA_FUJISATO_STYLE_RULES),
    indicators: indicatorUseCases(runner),
    worklist: worklistUseCases(runner),
    audit: auditUseCases(runner),
    disclosure: disclosureUseCases(runner),
    batch: batchUseCases(runner),
    retention: retentionUseCases(options.unitOfWork, runner),
    /** Stores the default checklist if the register has none of it yet (first start). */
    async installDefaultChecklist(): Promise<void> {
      await options.unitOfWork.transaction(async (repos) => {
        if (!(await repos.checklists.get(DEFAULT_CHECKLIST.id, DEFAULT_CHECKLIST.version)))
          await repos.checklists.insert(DEFAULT_CHECKLIST);
      });
    },
  };
}

export type Register = ReturnType<typeof createRegister>;
