import {
  type CaseIntake,
  type HealthBackground,
  type HealthBackgroundInput,
  type IntakeInput,
  recordHealthBackground,
  recordIntake,
} from '../intake/intake.ts';
import type { Actor } from '../shared/actor.ts';
import type { CaseSection } from '../shared/case-section.ts';
import type { CaseId } from '../shared/ids.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/**
 * 受付時の状況 (person section) and 心身の状況 (health section) of a case. Reads need the section;
 * writes are casework (staff and supervisors of an agency supporting the case). Each read and write is
 * audited under its own operation, so the case's audit trail shows who opened the health background.
 */
export function intakeUseCases(runner: UseCaseRunner) {
  /** One part read with its section, audited as the case and as the part. */
  const readPart = <T>(
    actor: Actor,
    caseId: CaseId,
    part: { operation: string; section: CaseSection; entity: string },
    load: (s: UseCaseScope) => Promise<T>,
  ): Promise<T> =>
    runner.run(actor, part.operation, { entity: 'case', entityId: caseId, caseId }, async (s) => {
      await readCase(s, caseId, part.section);
      s.touched({ entity: part.entity, entityId: caseId, caseId });
      return load(s);
    });

  return {
    /** The intake record; null when none was recorded yet. */
    intake(actor: Actor, caseId: CaseId): Promise<CaseIntake | null> {
      const part = { operation: 'case.intake.read', section: 'person', entity: 'caseIntake' } as const;
      return readPart(actor, caseId, part, (s) => s.repos.intakes.get(caseId));
    },

    /** Saves the intake form whole; `expectedVersion` is the version read (omitted for the first). */
    recordIntake(actor: Actor, caseId: CaseId, input: IntakeInput): Promise<CaseIntake> {
      return runner.run(
        actor,
        'case.intake.record',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const [previous, person] = await Promise.all([
            s.repos.intakes.get(caseId),
            s.repos.persons.get(record.personId),
          ]);
          const intake = recordIntake(previous, input, {
            caseId,
            actor,
            now: s.now,
            today: s.today,
            birthYearMonth: person?.birthYearMonth ?? null,
          });
          await s.repos.intakes.save(intake);
          s.touched({ entity: 'caseIntake', entityId: caseId, caseId });
          return intake;
        },
      );
    },

    /** 心身の状況: only for readers of the health section; null when none was recorded yet. */
    health(actor: Actor, caseId: CaseId): Promise<HealthBackground | null> {
      const part = { operation: 'case.health.read', section: 'health', entity: 'healthBackground' } as const;
      return readPart(actor, caseId, part, (s) => s.repos.intakes.getHealth(caseId));
    },

    recordHealth(actor: Actor, caseId: CaseId, input: HealthBackgroundInput): Promise<HealthBackground> {
      return runner.run(
        actor,
        'case.health.record',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await writeCase(s, caseId);
          const previous = await s.repos.intakes.getHealth(caseId);
          const health = recordHealthBackground(previous, input, { caseId, actor, now: s.now });
          await s.repos.intakes.saveHealth(health);
          s.touched({ entity: 'healthBackground', entityId: caseId, caseId });
          return health;
        },
      );
    },
  };
}

export type IntakeUseCases = ReturnType<typeof intakeUseCases>;
