import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../ports/audit.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { createRunner } from './context.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'agency-1', role: 'staff' };
const at = new Date('2026-04-01T00:00:00.250Z');

/** A unit of work that only keeps what is appended to the audit log. */
function auditOnly() {
  const appended: AuditEntry[] = [];
  const repos = {
    audit: { append: async (entries: readonly AuditEntry[]) => void appended.push(...entries) },
  };
  const unitOfWork: UnitOfWork = {
    transaction: (work) => work(repos as unknown as Repositories),
  } as UnitOfWork;
  return { appended, unitOfWork };
}

describe('audit entries of the use-case runner', () => {
  it('get time-ordered ids (UUID version 7 of the entry’s instant) by default', async () => {
    const { appended, unitOfWork } = auditOnly();
    const runner = createRunner({ unitOfWork, clock: () => at });
    await runner.read(actor, 'case.list', null, async (s) => {
      s.touched({ entity: 'case', entityId: 'c1', caseId: 'c1' });
      s.touched({ entity: 'case', entityId: 'c2', caseId: 'c2' });
    });
    expect(appended.map((e) => e.entityId)).toEqual(['c1', 'c2']);
    for (const e of appended) {
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(e.id.replaceAll('-', '').slice(0, 12), 16)).toBe(at.getTime());
    }
    expect(new Set(appended.map((e) => e.id)).size).toBe(2);
  });

  it('take their ids from `newId` when the integrator gives one', async () => {
    const { appended, unitOfWork } = auditOnly();
    let n = 0;
    const runner = createRunner({ unitOfWork, clock: () => at, newId: () => `id-${++n}` });
    await runner.run(actor, 'case.read', { entity: 'case', entityId: 'c1', caseId: 'c1' }, async () => {});
    expect(appended.map((e) => e.id)).toEqual(['id-1']);
  });

  it('leave out records the store wrote with its read, unless it listed fewer sections than reported', async () => {
    const { appended, unitOfWork } = auditOnly();
    const runner = createRunner({ unitOfWork, clock: () => at });
    await runner.read(actor, 'case.list', null, async (s) => {
      for (const id of ['c1', 'c2', 'c3', 'c4']) s.touched({ entity: 'case', entityId: id, caseId: id });
      s.touched({ entity: 'case', entityId: 'c1', caseId: 'c1', sections: ['person', 'contacts'] });
      s.touched({ entity: 'case', entityId: 'c2', caseId: 'c2', sections: ['person', 'contacts'] });
      s.touched({ entity: 'case', entityId: 'c3', caseId: 'c3', sections: ['plans'] });
      s.auditedWithRead([
        // As reported, and more than reported: nothing more to write.
        { entity: 'case', entityId: 'c1', caseId: 'c1', sections: ['person', 'contacts'] },
        { entity: 'case', entityId: 'c3', caseId: 'c3', sections: ['person', 'plans'] },
        // Short of `contacts`: written again, whole.
        { entity: 'case', entityId: 'c2', caseId: 'c2', sections: ['person'] },
        // Another kind of record with the same id covers nothing.
        { entity: 'contact', entityId: 'c4', caseId: 'c4', sections: [] },
      ]);
    });
    expect(appended.map((e) => [e.entityId, e.sections])).toEqual([
      ['c2', ['person', 'contacts']],
      ['c4', []],
    ]);
  });

  it('hand a store the entry a record would get, with a fresh id each time', async () => {
    const { appended, unitOfWork } = auditOnly();
    const runner = createRunner({ unitOfWork, clock: () => at });
    const made = await runner.read(actor, 'case.list', null, async (s) => [
      s.auditEntryOf({ entity: 'case', entityId: 'c1', caseId: 'c1', sections: ['summary'] }),
      s.auditEntryOf({ entity: 'case', entityId: 'c1', caseId: 'c1', sections: ['summary'] }),
    ]);
    expect(made[0]).toMatchObject({
      at,
      staffId: actor.staffId,
      agencyId: actor.agencyId,
      role: actor.role,
      operation: 'case.list',
      entity: 'case',
      entityId: 'c1',
      caseId: 'c1',
      sections: ['summary'],
      outcome: 'allowed',
    });
    expect(made[0]?.id).not.toBe(made[1]?.id);
    // Made, not written: only `touched` writes.
    expect(appended).toEqual([]);
  });
});
